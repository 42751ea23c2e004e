package io.hardening.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.RecordRef;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Stores each record as one file, {@code {path}/{id}/record.json}, created only if absent
 * (see {@link AtomicFileWriter}): of concurrent writers, in this process or another one
 * sharing the folder, exactly one wins, and each other compares its content with the
 * winner's. The stored time is the file's modification time, so listings sort without
 * reading content. Records of the older layout ({@code {id}/result.json} and
 * {@code {id}/metadata.json}) are read, listed and deleted as well.
 * <p>
 * The storage is ready while writes succeed: a write that fails (a full or read-only
 * disk) marks it failing until a write, or {@link #checkWritable()}, succeeds again.
 */
public class FilesystemExperimentStorage implements ExperimentBackend {

	static final String RECORD = "record.json";

	static final String RESULT = "result.json";

	static final String METADATA = "metadata.json";

	private static final int CREATE_ATTEMPTS = 3;

	private static final Log logger = LogFactory.getLog(FilesystemExperimentStorage.class);

	private final Path root;

	private final JsonDocuments documents;

	private final RecordCodec codec;

	private final Clock clock;

	private final AtomicFileWriter writer;

	private final RecordFolders folders;

	private final Set<Path> reportedCorrupt = ConcurrentHashMap.newKeySet();

	private volatile String lastError;

	private volatile boolean writesFailing;

	public FilesystemExperimentStorage(Path root, JsonDocuments documents) {
		this(root, documents, Clock.systemUTC(), new AtomicFileWriter());
	}

	FilesystemExperimentStorage(Path root, JsonDocuments documents, Clock clock, AtomicFileWriter writer) {
		this.root = root.toAbsolutePath().normalize();
		this.documents = documents;
		this.codec = new RecordCodec(documents);
		this.clock = clock;
		this.writer = writer;
		this.folders = new RecordFolders(this.root);
	}

	/**
	 * Returns the directory that holds the records.
	 * @return the absolute path
	 */
	public Path getRoot() {
		return this.root;
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		return store(id, result, metadata, this.clock.instant());
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata, Instant storedAt) {
		ExperimentIds.validate(id);
		Instant time = RecordCodec.millis(storedAt);
		byte[] record = this.codec.encode(id, result, metadata, time);
		try {
			// A few passes at most: a pass ends early only when another writer won the
			// name
			// or a delete removed the folder in between, and the next pass sees why.
			for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
				Optional<StoredExperiment> existing = read(id);
				if (existing.isPresent()) {
					return answerExisting(existing.get(), id, result, metadata);
				}
				Path directory = this.root.resolve(id);
				if (Files.exists(directory.resolve(RECORD)) || Files.exists(directory.resolve(RESULT))) {
					// Unreadable content is still content: never overwrite it.
					throw new ExperimentConflictException(id);
				}
				try {
					Files.createDirectories(directory);
					if (this.writer.createIfAbsent(directory.resolve(RECORD), record, time)) {
						// The file's sync covers the record's folder, not the folder's
						// entry
						// in the root: without this a crash could lose a stored record.
						this.writer.syncDirectory(this.root);
						wrote();
						return uriOf(id);
					}
				}
				catch (NoSuchFileException ex) {
					if (attempt == CREATE_ATTEMPTS) {
						throw ex;
					}
				}
			}
			// The id keeps changing hands under this write: it is not this write's.
			throw new ExperimentConflictException(id);
		}
		catch (IOException ex) {
			throw failure("Could not write experiment '" + id + "'", ex);
		}
	}

	private URI answerExisting(StoredExperiment existing, String id, JsonNode result, JsonNode metadata) {
		if (!existing.sameContent(result, metadata)) {
			throw new ExperimentConflictException(id);
		}
		return existing.uri();
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		return read(id);
	}

	@Override
	public List<RecordRef> newest(int count) {
		List<RecordRef> refs = this.folders.newestFirst();
		return (refs.size() > count) ? List.copyOf(refs.subList(0, count)) : refs;
	}

	@Override
	public List<StoredExperiment> read(List<RecordRef> refs) {
		List<StoredExperiment> records = new ArrayList<>(refs.size());
		for (RecordRef ref : refs) {
			read(ref.id()).ifPresent(records::add);
		}
		return records;
	}

	/**
	 * Returns the ids of the stored records, oldest first, without reading their content.
	 * @return the ids
	 */
	public List<String> idsOldestFirst() {
		List<RecordRef> refs = this.folders.newestFirst();
		List<String> ids = new ArrayList<>(refs.size());
		for (int i = refs.size() - 1; i >= 0; i--) {
			ids.add(refs.get(i).id());
		}
		return ids;
	}

	/**
	 * Whether a record of {@code id} is stored, without reading it.
	 * @param id the id
	 * @return whether its file is there
	 */
	public boolean holds(String id) {
		return this.folders.holds(id);
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		Path directory = this.root.resolve(id);
		try {
			// One file is one record: removing it removes the whole record, whichever
			// writer's it is; the older layout loses result.json first, which ends it.
			boolean existed = Files.deleteIfExists(directory.resolve(RECORD));
			existed = Files.deleteIfExists(directory.resolve(RESULT)) || existed;
			Files.deleteIfExists(directory.resolve(METADATA));
			this.folders.remove(id);
			this.reportedCorrupt.remove(directory);
			return existed;
		}
		catch (IOException ex) {
			throw failure("Could not delete experiment '" + id + "'", ex);
		}
	}

	/**
	 * Checks that a file can be written and synced in the root, and records the outcome:
	 * the way a storage that failed writes finds out that it can write again while no
	 * write arrives (readiness keeps traffic away from it). Does nothing while writes
	 * succeed.
	 */
	public void checkWritable() {
		if (!this.writesFailing) {
			return;
		}
		Path probe = this.root.resolve(AtomicFileWriter.TEMP_PREFIX + "probe-" + UUID.randomUUID());
		try {
			Files.createDirectories(this.root);
			try {
				this.writer.createIfAbsent(probe, new byte[] { '{', '}' }, this.clock.instant());
			}
			finally {
				Files.deleteIfExists(probe);
			}
			wrote();
		}
		catch (IOException ex) {
			// Still failing: lastError keeps saying which write failed and why.
		}
	}

	@Override
	public URI uriOf(String id) {
		return this.root.resolve(id).resolve(RECORD).toUri();
	}

	@Override
	public StorageStatus status() {
		return new StorageStatus(StorageStatus.FILESYSTEM, this.root.toString(), null, 0, this.lastError,
				!this.writesFailing, false);
	}

	/**
	 * Whether the last write failed and none has succeeded since.
	 * @return whether writes are failing
	 */
	public boolean writesFailing() {
		return this.writesFailing;
	}

	private void wrote() {
		this.writesFailing = false;
		this.lastError = null;
	}

	private Optional<StoredExperiment> read(String id) {
		Path directory = this.root.resolve(id);
		try {
			return Optional.of(this.codec.decode(id, Files.readAllBytes(directory.resolve(RECORD)), uriOf(id)));
		}
		catch (NoSuchFileException ex) {
			return readLegacy(id, directory);
		}
		catch (CorruptDocumentException | IOException ex) {
			return corrupt(id, directory, ex);
		}
	}

	private Optional<StoredExperiment> readLegacy(String id, Path directory) {
		Path result = directory.resolve(RESULT);
		try {
			Instant storedAt = Files.getLastModifiedTime(result).toInstant();
			JsonNode resultNode = this.documents.fromBytes(Files.readAllBytes(result));
			JsonNode metadataNode = this.documents.fromBytes(Files.readAllBytes(directory.resolve(METADATA)));
			return Optional.of(new StoredExperiment(id, resultNode, metadataNode, result.toUri(), storedAt));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (CorruptDocumentException | IOException ex) {
			return corrupt(id, directory, ex);
		}
	}

	private Optional<StoredExperiment> corrupt(String id, Path directory, Exception ex) {
		if (this.reportedCorrupt.add(directory)) {
			logger
				.warn("Skipping unreadable experiment '%s' in %s: %s".formatted(id, directory, Sanitizer.describe(ex)));
		}
		return Optional.empty();
	}

	private StorageUnavailableException failure(String message, IOException ex) {
		String description = Sanitizer.sanitize(message + ": " + Sanitizer.describe(ex), 500);
		this.lastError = description;
		this.writesFailing = true;
		return new StorageUnavailableException(description, new UncheckedIOException(ex));
	}

}
