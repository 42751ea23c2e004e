package io.hardening.autoconfigure;

import org.springframework.util.ClassUtils;

/**
 * Warns when the application serves HTTP with a Reactor Netty older than 1.3.8. Those
 * versions can stop reading a keep-alive connection when a response ends off the event
 * loop (a blocking health indicator, a stream ended by a timer) and the client's next
 * request is answered at once: that request, and every later one on the connection, is
 * never answered (reactor-netty#4361). Spring Boot 4.0.7 brings 1.3.6.
 */
final class ReactorNettyKeepAliveCheck {

	static final String SERVER_CLASS = "reactor.netty.http.server.HttpServer";

	private static final int[] FIXED = { 1, 3, 8 };

	private ReactorNettyKeepAliveCheck() {
	}

	/**
	 * The warning for the Reactor Netty on the class path, or {@code null}.
	 * @param classLoader where to look for Reactor Netty's server
	 * @return the warning, or {@code null} when there is no Reactor Netty server, its
	 * version is unknown, or it has the fix
	 */
	static String warning(ClassLoader classLoader) {
		if (!ClassUtils.isPresent(SERVER_CLASS, classLoader)) {
			return null;
		}
		try {
			Package serverPackage = ClassUtils.forName(SERVER_CLASS, classLoader).getPackage();
			return warning((serverPackage != null) ? serverPackage.getImplementationVersion() : null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	static String warning(String version) {
		if (version == null || !isOlderThanFixed(version)) {
			return null;
		}
		return "Reactor Netty " + version + " can stop reading a keep-alive connection after a response that ended"
				+ " off the event loop, leaving the next requests on it unanswered (reactor-netty#4361, fixed in"
				+ " 1.3.8): manage io.projectreactor.netty:reactor-netty-core and reactor-netty-http at 1.3.8 or"
				+ " newer (docs/operations.md, \"Reactor Netty keep-alive\")";
	}

	private static boolean isOlderThanFixed(String version) {
		String[] parts = version.split("[.-]");
		for (int i = 0; i < FIXED.length; i++) {
			if (i >= parts.length || !parts[i].chars().allMatch(Character::isDigit) || parts[i].isEmpty()) {
				return false;
			}
			int part = Integer.parseInt(parts[i]);
			if (part != FIXED[i]) {
				return part < FIXED[i];
			}
		}
		return false;
	}

}
