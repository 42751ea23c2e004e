package io.hardening.probes;

import java.util.Collection;

/**
 * Supplies {@link ReadinessMember readiness members} computed at run time, for features
 * whose contributors are known only once their beans exist.
 */
@FunctionalInterface
public interface ReadinessMembers {

	/**
	 * Returns the members; called once, when the readiness probe is first evaluated.
	 * @return the members
	 */
	Collection<ReadinessMember> members();

}
