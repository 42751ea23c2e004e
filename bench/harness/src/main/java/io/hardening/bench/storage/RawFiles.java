package io.hardening.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The raw baselines of the filesystem benchmarks: the least plain {@code java.nio} does
 * to store and list records in the layout of {@code FilesystemExperimentStorage}
 * ({@code {root}/{id}/metadata.json} and {@code result.json}) with the same durability.
 */
final class RawFiles {

	static final String RESULT = "result.json";

	static final String METADATA = "metadata.json";

	private RawFiles() {
	}

	/**
	 * Stores a record with every fsync and rename the starter makes: the record's folder
	 * is created (not fsynced, as in the starter), then {@code metadata.json} and
	 * {@code result.json} are each written to a temporary file of that folder and forced
	 * with {@code force(true)}, moved over their name with an atomic rename, and the
	 * folder is forced after each rename.
	 * @param root the folder of the records
	 * @param id the record id
	 * @param metadata the metadata bytes
	 * @param result the result bytes
	 * @throws IOException when a write fails
	 */
	static void store(Path root, String id, byte[] metadata, byte[] result) throws IOException {
		Path directory = Files.createDirectories(root.resolve(id));
		writeDurably(directory, METADATA, metadata);
		writeDurably(directory, RESULT, result);
	}

	private static void writeDurably(Path directory, String name, byte[] content) throws IOException {
		Path temp = directory.resolve(".tmp-" + name);
		// What Files.write does, on a channel that can then be forced before it is
		// closed.
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	/**
	 * Reads the newest {@code limit} records: lists the root, reads the modification time
	 * of every {@code result.json} to order them newest first (as the starter must), then
	 * reads the bytes of both files of each record of the page, without parsing them.
	 * @param root the folder of the records
	 * @param limit the page size
	 * @return the bytes read, two entries per record
	 * @throws IOException when a read fails
	 */
	static List<byte[]> readPage(Path root, int limit) throws IOException {
		List<Entry> entries = new ArrayList<>();
		try (Stream<Path> children = Files.list(root)) {
			for (Path child : children.toList()) {
				entries.add(new Entry(child, Files.getLastModifiedTime(child.resolve(RESULT))));
			}
		}
		entries.sort(Comparator.comparing(Entry::modified).reversed());
		List<byte[]> page = new ArrayList<>(2 * limit);
		for (Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
			page.add(Files.readAllBytes(entry.directory().resolve(RESULT)));
			page.add(Files.readAllBytes(entry.directory().resolve(METADATA)));
		}
		return page;
	}

	private record Entry(Path directory, FileTime modified) {

	}

}
