package io.hardening.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder that is deleted, with all it holds, when closed.
 *
 * @param path the folder
 */
public record Folders(Path path) implements AutoCloseable {

	public static Folders temporary(String prefix) throws IOException {
		return new Folders(Files.createTempDirectory(prefix));
	}

	@Override
	public void close() {
		try (Stream<Path> paths = Files.walk(this.path)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
