package io.hardening.probes;

import org.springframework.util.Assert;

/**
 * Declares that a health contributor joins, or leaves, the readiness probe.
 * <p>
 * Register one as a bean: {@code ReadinessMember.include("init")} makes the {@code init}
 * contributor, and everything under it, gate {@code /ready}; an exclusion such as
 * {@code ReadinessMember.exclude("init/optionalCache")} takes one child back out.
 * Exclusions win over inclusions.
 *
 * @param contributorPath the contributor name, or a slash-separated path to a nested one
 * @param included whether the contributor joins readiness ({@code false} to leave it)
 */
public record ReadinessMember(String contributorPath, boolean included) {

	public ReadinessMember {
		Assert.hasText(contributorPath, "'contributorPath' must not be empty");
	}

	/**
	 * Makes the given contributor gate readiness.
	 * @param contributorPath the contributor name or nested path
	 * @return the member declaration
	 */
	public static ReadinessMember include(String contributorPath) {
		return new ReadinessMember(contributorPath, true);
	}

	/**
	 * Keeps the given contributor out of readiness even if a parent is included.
	 * @param contributorPath the contributor name or nested path
	 * @return the member declaration
	 */
	public static ReadinessMember exclude(String contributorPath) {
		return new ReadinessMember(contributorPath, false);
	}

}
