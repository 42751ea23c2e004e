package io.hardening.bench.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders of a benchmark trial under {@code java.io.tmpdir}, deleted with everything in
 * them when the trial ends.
 */
final class TempDirectories {

	private TempDirectories() {
	}

	static Path create(String name) throws IOException {
		return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
				"hardening-bench-" + name + "-");
	}

	static void delete(Path directory) throws IOException {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
