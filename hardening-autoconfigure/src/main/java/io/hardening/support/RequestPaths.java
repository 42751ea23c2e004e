package io.hardening.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Request paths as the web frameworks match them, for filters that decide by path.
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * Decodes the path the way the web frameworks do before matching, so that spellings
	 * such as {@code /%61pi/x}, {@code //api/x} or {@code /api;x=y/x} cannot slip past a
	 * filter that matches the plain spelling.
	 * @param rawPath the path as sent
	 * @return the decoded path without matrix parameters and repeated slashes
	 */
	public static String normalize(String rawPath) {
		String path = rawPath;
		try {
			path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Malformed escapes: the framework rejects these requests; judge them as
			// sent.
		}
		path = path.replaceAll(";[^/]*", "");
		return path.replaceAll("/{2,}", "/");
	}

	/**
	 * Whether the path is the prefix itself or lies under it.
	 * @param path a normalized path
	 * @param prefix a path such as {@code /api}, without a trailing slash
	 * @return whether the path is under the prefix
	 */
	public static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
