package io.hardening.storage.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a file so that readers see either nothing or the whole content: a temporary file
 * in the same directory, fsync, then an atomic move over the target.
 */
class AtomicFileWriter {

	/**
	 * Prefix of temporary files; names starting with a dot are never experiment ids, so
	 * listings skip what a crash leaves behind.
	 */
	static final String TEMP_PREFIX = ".tmp-";

	private final BeforeMove beforeMove;

	AtomicFileWriter() {
		this((temp, target) -> {
		});
	}

	AtomicFileWriter(BeforeMove beforeMove) {
		this.beforeMove = beforeMove;
	}

	void write(Path target, byte[] content, Instant modified) throws IOException {
		Path directory = target.getParent();
		Path temp = directory.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				// The stored time goes in before the fsync, which makes it durable with
				// the content rather than with the directory's fsync. Its cost was
				// suspected and measured: none, either way (docs/performance.md).
				Files.setLastModifiedTime(temp, FileTime.from(modified));
				channel.force(true);
			}
			this.beforeMove.run(temp, target);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
		syncDirectory(directory);
	}

	/**
	 * Makes the entries of a directory durable: a rename in it, or a directory created in
	 * it. Best effort: not every platform can open a directory, which is fine.
	 * @param directory the directory
	 */
	void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// best effort
		}
	}

	/**
	 * A step between the temporary write and the move: a seam for crash tests.
	 */
	@FunctionalInterface
	interface BeforeMove {

		void run(Path temp, Path target) throws IOException;

	}

}
