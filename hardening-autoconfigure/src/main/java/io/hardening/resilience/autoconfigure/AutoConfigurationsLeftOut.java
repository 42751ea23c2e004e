package io.hardening.resilience.autoconfigure;

import java.util.Set;

/**
 * The answer an {@code AutoConfigurationImportFilter} gives Boot when it leaves out some
 * auto-configurations.
 */
final class AutoConfigurationsLeftOut {

	private AutoConfigurationsLeftOut() {
	}

	/**
	 * Matches every candidate except those left out.
	 * @param candidates the candidates Boot asks about, with a {@code null} where an
	 * earlier filter left one out
	 * @param leftOut the auto-configurations to leave out
	 * @return {@code false} for each candidate left out, {@code true} for the others
	 */
	static boolean[] matches(String[] candidates, Set<String> leftOut) {
		boolean[] matches = new boolean[candidates.length];
		for (int i = 0; i < candidates.length; i++) {
			matches[i] = candidates[i] == null || !leftOut.contains(candidates[i]);
		}
		return matches;
	}

}
