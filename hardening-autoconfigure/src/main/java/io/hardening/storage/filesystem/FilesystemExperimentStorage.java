package io.hardening.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Stores records as {@code {path}/{id}/result.json} and
 * {@code {path}/{id}/metadata.json}, each written atomically; the stored time is the
 * modification time of {@code result.json}, which is written last and so marks a complete
 * record.
 */
public class FilesystemExperimentStorage implements ExperimentBackend {

	static final String RESULT = "result.json";

	static final String METADATA = "metadata.json";

	private static final Log logger = LogFactory.getLog(FilesystemExperimentStorage.class);

	private final Path root;

	private final JsonDocuments documents;

	private final Clock clock;

	private final AtomicFileWriter writer;

	private final Object[] locks = new Object[64];

	private final Set<Path> reportedCorrupt = ConcurrentHashMap.newKeySet();

	private volatile String lastError;

	public FilesystemExperimentStorage(Path root, JsonDocuments documents) {
		this(root, documents, Clock.systemUTC(), new AtomicFileWriter());
	}

	FilesystemExperimentStorage(Path root, JsonDocuments documents, Clock clock, AtomicFileWriter writer) {
		this.root = root.toAbsolutePath().normalize();
		this.documents = documents;
		this.clock = clock;
		this.writer = writer;
		for (int i = 0; i < this.locks.length; i++) {
			this.locks[i] = new Object();
		}
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
		byte[] resultBytes = this.documents.toBytes("result", result);
		byte[] metadataBytes = this.documents.toBytes("metadata", metadata);
		synchronized (lockFor(id)) {
			Optional<StoredExperiment> existing = read(id);
			if (existing.isPresent()) {
				if (existing.get()
					.sameContent(this.documents.normalized(resultBytes), this.documents.normalized(metadataBytes))) {
					return uriOf(id);
				}
				throw new ExperimentConflictException(id);
			}
			if (Files.exists(this.root.resolve(id).resolve(RESULT))) {
				// Unreadable content is still content: never overwrite it.
				throw new ExperimentConflictException(id);
			}
			try {
				Path directory = Files.createDirectories(this.root.resolve(id));
				Instant time = storedAt.truncatedTo(ChronoUnit.MILLIS);
				this.writer.write(directory.resolve(METADATA), metadataBytes, time);
				this.writer.write(directory.resolve(RESULT), resultBytes, time);
				// The files' syncs cover the record's own directory, not its entry in the
				// root: without this a crash could lose a record that store returned.
				this.writer.syncDirectory(this.root);
				this.lastError = null;
				return uriOf(id);
			}
			catch (IOException ex) {
				throw failure("Could not write experiment '" + id + "'", ex);
			}
		}
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		return read(id);
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		List<StoredExperiment> page = new ArrayList<>();
		int skipped = 0;
		for (Candidate candidate : candidates()) {
			if (page.size() >= limit) {
				break;
			}
			Optional<StoredExperiment> record = read(candidate.id());
			if (record.isEmpty()) {
				continue;
			}
			if (skipped < offset) {
				skipped++;
				continue;
			}
			page.add(record.get());
		}
		return page;
	}

	/**
	 * Returns the ids of complete records, oldest first, without reading their content.
	 * @return the ids
	 */
	public List<String> idsOldestFirst() {
		List<Candidate> candidates = candidates();
		List<String> ids = new ArrayList<>(candidates.size());
		for (int i = candidates.size() - 1; i >= 0; i--) {
			ids.add(candidates.get(i).id());
		}
		return ids;
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		synchronized (lockFor(id)) {
			Path directory = this.root.resolve(id);
			try {
				boolean existed = Files.deleteIfExists(directory.resolve(RESULT));
				Files.deleteIfExists(directory.resolve(METADATA));
				try (Stream<Path> leftovers = Files.list(directory)) {
					for (Path leftover : leftovers.toList()) {
						Files.deleteIfExists(leftover);
					}
				}
				Files.deleteIfExists(directory);
				this.reportedCorrupt.removeIf((path) -> path.startsWith(directory));
				return existed;
			}
			catch (NoSuchFileException ex) {
				return false;
			}
			catch (IOException ex) {
				throw failure("Could not delete experiment '" + id + "'", ex);
			}
		}
	}

	@Override
	public URI uriOf(String id) {
		return this.root.resolve(id).resolve(RESULT).toUri();
	}

	@Override
	public StorageStatus status() {
		return new StorageStatus(StorageStatus.FILESYSTEM, this.root.toString(), null, 0, this.lastError, true, false);
	}

	private Optional<StoredExperiment> read(String id) {
		Path directory = this.root.resolve(id);
		Path result = directory.resolve(RESULT);
		try {
			Instant storedAt = Files.getLastModifiedTime(result).toInstant();
			JsonNode resultNode = parse(result);
			JsonNode metadataNode = parse(directory.resolve(METADATA));
			return Optional.of(new StoredExperiment(id, resultNode, metadataNode, uriOf(id), storedAt));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (CorruptDocumentException | IOException ex) {
			if (this.reportedCorrupt.add(directory)) {
				logger.warn("Skipping unreadable experiment '%s' in %s: %s".formatted(id, directory,
						Sanitizer.describe(ex)));
			}
			return Optional.empty();
		}
	}

	private JsonNode parse(Path file) throws IOException {
		return this.documents.fromBytes(Files.readAllBytes(file));
	}

	private List<Candidate> candidates() {
		if (!Files.isDirectory(this.root)) {
			return List.of();
		}
		List<Candidate> candidates = new ArrayList<>();
		try (Stream<Path> entries = Files.list(this.root)) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (!ExperimentIds.isValid(name)) {
					continue;
				}
				try {
					candidates.add(new Candidate(name, Files.getLastModifiedTime(entry.resolve(RESULT)).toInstant()));
				}
				catch (IOException ex) {
					// not a complete record (yet)
				}
			}
		}
		catch (IOException ex) {
			throw failure("Could not list " + this.root, ex);
		}
		candidates.sort(Comparator.comparing(Candidate::storedAt).reversed().thenComparing(Candidate::id));
		return candidates;
	}

	private StorageUnavailableException failure(String message, IOException ex) {
		String description = message + ": " + Sanitizer.describe(ex);
		this.lastError = description;
		return new StorageUnavailableException(description, new UncheckedIOException(ex));
	}

	private Object lockFor(String id) {
		return this.locks[Math.floorMod(id.hashCode(), this.locks.length)];
	}

	private record Candidate(String id, Instant storedAt) {

	}

}
