package io.hardening.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.hardening.storage.ExperimentIds;
import io.hardening.storage.RecordRef;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.support.Sanitizer;

/**
 * The record folders under the storage's root, seen without reading any record: which ids
 * are stored and when each was written (the modification time of its record file, or of
 * the older layout's result file). A folder without a complete record is not one.
 */
final class RecordFolders {

	private final Path root;

	RecordFolders(Path root) {
		this.root = root;
	}

	/**
	 * The stored records, newest first (ties by id).
	 * @return their references
	 * @throws StorageUnavailableException when the root cannot be listed
	 */
	List<RecordRef> newestFirst() {
		if (!Files.isDirectory(this.root)) {
			return List.of();
		}
		List<RecordRef> refs = new ArrayList<>();
		try (Stream<Path> entries = Files.list(this.root)) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (ExperimentIds.isValid(name)) {
					Instant storedAt = storedAt(entry);
					if (storedAt != null) {
						refs.add(new RecordRef(name, storedAt));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new StorageUnavailableException(
					Sanitizer.sanitize("Could not list " + this.root + ": " + Sanitizer.describe(ex), 500),
					new UncheckedIOException(ex));
		}
		refs.sort(Comparator.comparing(RecordRef::storedAt).reversed().thenComparing(RecordRef::id));
		return refs;
	}

	/**
	 * Whether a record of {@code id} is stored.
	 * @param id the id
	 * @return whether its record file is there
	 */
	boolean holds(String id) {
		Path directory = this.root.resolve(id);
		return Files.exists(directory.resolve(FilesystemExperimentStorage.RECORD))
				|| Files.exists(directory.resolve(FilesystemExperimentStorage.RESULT));
	}

	/**
	 * Removes the folder of {@code id} once its record files are gone, with the temporary
	 * files crashed writers left in it; keeps it when a writer has just created a record
	 * in it.
	 * @param id the id
	 * @throws IOException when the folder cannot be listed or removed
	 */
	void remove(String id) throws IOException {
		Path directory = this.root.resolve(id);
		try (Stream<Path> entries = Files.list(directory)) {
			for (Path entry : entries.toList()) {
				if (entry.getFileName().toString().startsWith(".")) {
					// Temporary files of crashed writers; a live writer's is its own.
					Files.deleteIfExists(entry);
				}
			}
			Files.deleteIfExists(directory);
		}
		catch (NoSuchFileException | DirectoryNotEmptyException ex) {
			// Gone already, or a writer has just created a record in it: keep it.
		}
	}

	private static Instant storedAt(Path directory) {
		for (String name : new String[] { FilesystemExperimentStorage.RECORD, FilesystemExperimentStorage.RESULT }) {
			try {
				return Files.getLastModifiedTime(directory.resolve(name)).toInstant();
			}
			catch (IOException ex) {
				// not this layout, or not a complete record
			}
		}
		return null;
	}

}
