package io.hardening.storage.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates a file only if it is absent, so that readers see either nothing or the whole
 * content and of concurrent creators exactly one wins, across processes too: a temporary
 * file in the same directory, fsync, then a hard link to the target name, which the
 * operating system refuses atomically when the name exists.
 */
class AtomicFileWriter {

	/**
	 * Prefix of temporary files; names starting with a dot are never experiment ids, so
	 * listings skip what a crash leaves behind.
	 */
	static final String TEMP_PREFIX = ".tmp-";

	private final BeforeLink beforeLink;

	AtomicFileWriter() {
		this((temp, target) -> {
		});
	}

	AtomicFileWriter(BeforeLink beforeLink) {
		this.beforeLink = beforeLink;
	}

	/**
	 * Creates the target with the given content and modification time unless it exists.
	 * @return whether this call created it
	 */
	boolean createIfAbsent(Path target, byte[] content, Instant modified) throws IOException {
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
				// the content; the link shares the file, so the target has it too.
				Files.setLastModifiedTime(temp, FileTime.from(modified));
				channel.force(true);
			}
			this.beforeLink.run(temp, target);
			if (!link(target, temp)) {
				return false;
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
		syncDirectory(directory);
		return true;
	}

	private static boolean link(Path target, Path temp) throws IOException {
		try {
			Files.createLink(target, temp);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			if (ex instanceof FileSystemException && Files.exists(target)) {
				return false;
			}
			// A file system without hard links: a move that refuses an existing target,
			// atomic for writers of this process, which hold the id's lock.
			try {
				Files.move(temp, target);
				return true;
			}
			catch (FileAlreadyExistsException exists) {
				return false;
			}
		}
	}

	/**
	 * Makes the entries of a directory durable: a link in it, or a directory created in
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
	 * A step between the temporary write and the link: a seam for crash tests.
	 */
	@FunctionalInterface
	interface BeforeLink {

		void run(Path temp, Path target) throws IOException;

	}

}
