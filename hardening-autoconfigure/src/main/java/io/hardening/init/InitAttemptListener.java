package io.hardening.init;

import java.time.Duration;

/**
 * Told about every finished initialization attempt, for metrics and the like.
 */
@FunctionalInterface
public interface InitAttemptListener {

	/**
	 * Called once per attempt, after the component's status has been updated.
	 * @param component the component name
	 * @param outcome how the attempt ended
	 * @param duration how long it ran
	 */
	void attemptFinished(String component, InitOutcome outcome, Duration duration);

}
