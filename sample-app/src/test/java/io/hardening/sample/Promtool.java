package io.hardening.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Prometheus's {@code promtool} (Debian package {@code prometheus}), found on the
 * {@code PATH}; tests that need it skip themselves when it is missing.
 */
final class Promtool {

	private Promtool() {
	}

	static boolean isInstalled() {
		return executable().isPresent();
	}

	/**
	 * Runs promtool and waits for it.
	 * @param stdin what to pipe to its standard input, or {@code null}
	 * @param arguments its arguments
	 * @return its exit code and its standard output and error, merged
	 */
	static Result run(String stdin, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable().orElseThrow().toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			try (var input = process.getOutputStream()) {
				if (stdin != null) {
					input.write(stdin.getBytes(StandardCharsets.UTF_8));
				}
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("promtool did not finish: " + command);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<Path> executable() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Pattern.compile(java.io.File.pathSeparator)
			.splitAsStream(path)
			.map((directory) -> Path.of(directory, "promtool"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	record Result(int exitCode, String output) {

		List<String> lines() {
			return output().lines().toList();
		}

	}

}
