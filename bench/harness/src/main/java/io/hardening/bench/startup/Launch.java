package io.hardening.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hardening.bench.JavaApp;

/**
 * How to start one application in one mode: the JDK, the jar (executable or extracted),
 * the JVM options and the application arguments.
 *
 * @param javaHome the JDK's home folder
 * @param jar the jar given to {@code java -jar}
 * @param jvmOptions options for the JVM
 * @param arguments application arguments
 * @param port the port it listens on
 */
record Launch(Path javaHome, Path jar, List<String> jvmOptions, List<String> arguments, int port) {

	JavaApp start(Path log) throws IOException {
		return JavaApp.start(this.javaHome, this.jar, this.port, this.jvmOptions, Map.of(), this.arguments, log);
	}

	Launch withJvmOptions(String... options) {
		List<String> all = new ArrayList<>(this.jvmOptions);
		all.addAll(List.of(options));
		return new Launch(this.javaHome, this.jar, List.copyOf(all), this.arguments, this.port);
	}

	Launch withArguments(String... arguments) {
		List<String> all = new ArrayList<>(this.arguments);
		all.addAll(List.of(arguments));
		return new Launch(this.javaHome, this.jar, this.jvmOptions, List.copyOf(all), this.port);
	}

	/**
	 * The command line in short, for the results' notes: the JDK's version, the JVM
	 * options and the jar's name.
	 * @return e.g.
	 * {@code Java 25.0.3, -XX:AOTCache=…/app.aot -XX:AOTMode=on -jar app.jar (extracted)}
	 */
	String describe() {
		StringBuilder line = new StringBuilder("Java ").append(Jdks.version(this.javaHome)).append(',');
		for (String option : this.jvmOptions) {
			int equals = option.indexOf('=');
			boolean path = equals > 0 && option.indexOf('/', equals) > 0;
			line.append(' ').append(path ? option.substring(0, equals + 1) + "…/" + fileName(option) : option);
		}
		line.append(" -jar ").append(this.jar.getFileName());
		if (Files.isDirectory(this.jar.resolveSibling("lib"))) {
			line.append(" (extracted)");
		}
		return line.toString();
	}

	private static String fileName(String option) {
		return option.substring(option.lastIndexOf('/') + 1);
	}

}
