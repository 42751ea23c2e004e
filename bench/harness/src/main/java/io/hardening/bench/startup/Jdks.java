package io.hardening.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java 25 JDK the {@code java25} modes run on and names JDKs for the results.
 */
final class Jdks {

	static final String DEFAULT_JAVA25_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

	private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

	private Jdks() {
	}

	/**
	 * The Java 25 JDK: {@code JAVA25_HOME}, else {@value #DEFAULT_JAVA25_HOME}.
	 * @return its home folder
	 */
	static Path java25Home() {
		String home = System.getenv("JAVA25_HOME");
		return Path.of((home != null && !home.isBlank()) ? home : DEFAULT_JAVA25_HOME);
	}

	/**
	 * Why a JDK cannot run the {@code java25} modes.
	 * @param home the JDK's home folder
	 * @return the reason, or {@code null} when it is a JDK 25 or later with {@code jcmd}
	 */
	static String unusable(Path home) {
		if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/jcmd"))) {
			return "no JDK at " + home + " (set JAVA25_HOME)";
		}
		String version = version(home);
		try {
			if (Integer.parseInt(version.split("[.+-]")[0]) < 25) {
				return home + " is Java " + version + "; -XX:AOTCacheOutput needs Java 25";
			}
		}
		catch (NumberFormatException ex) {
			return "cannot tell the Java version of " + home + " (" + version + ")";
		}
		return null;
	}

	/**
	 * A JDK's version, from its {@code release} file.
	 * @param home the JDK's home folder
	 * @return e.g. {@code 25.0.3}, or {@code unknown}
	 */
	static String version(Path home) {
		try {
			Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
			return matcher.find() ? matcher.group(1) : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
