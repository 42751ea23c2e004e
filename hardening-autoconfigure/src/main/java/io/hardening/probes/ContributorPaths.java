package io.hardening.probes;

import java.util.Set;

/**
 * Matches health contributor paths against a set of names, where a name also covers
 * everything nested under it.
 */
final class ContributorPaths {

	private ContributorPaths() {
	}

	static boolean covers(Set<String> names, String path) {
		String candidate = path;
		while (true) {
			if (names.contains(candidate)) {
				return true;
			}
			int slash = candidate.lastIndexOf('/');
			if (slash < 0) {
				return false;
			}
			candidate = candidate.substring(0, slash);
		}
	}

}
