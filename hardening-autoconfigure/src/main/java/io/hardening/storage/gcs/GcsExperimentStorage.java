package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.gcs.GcsRecordNames.Candidate;
import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Stores records as {@code {prefix}{id}/result.json} and
 * {@code {prefix}{id}/metadata.json} in a bucket through the Google Cloud Storage client,
 * with an entry per record in a time index that listings page through. Blocking; every
 * data call runs through the {@link GcsCallGuard}, whose time limiter bounds it.
 * <p>
 * Both objects are written with preconditions by the {@link GcsRecordWriter}, so a record
 * is complete once {@code result.json} exists and nothing complete is ever overwritten; a
 * 412 answer is read back and counts as success when the content is the same (an
 * idempotent retry).
 */
public class GcsExperimentStorage implements ExperimentBackend {

	/**
	 * How long a writer's claim on an id holds by default.
	 */
	public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(1);

	private static final int PAGE_READS = 8;

	private static final Log logger = LogFactory.getLog(GcsExperimentStorage.class);

	private final Supplier<Storage> storage;

	private final GcsRecordNames names;

	private final GcsRecordWriter writer;

	private final JsonDocuments documents;

	private final Clock clock;

	private final GcsCallGuard guard;

	private final ExecutorService pageReads = pageReadExecutor();

	private final Set<String> reportedCorrupt = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a storage for the given bucket, with the default claim timeout.
	 * @param storage supplies the client on first use, so that creating it (and looking
	 * up credentials) happens off the startup path
	 * @param bucket the bucket name
	 * @param prefix the object name prefix, empty or ending in {@code /}
	 * @param documents the document codec
	 * @param guard runs every data call through the {@code storage} and
	 * {@code storage-read} circuit breakers
	 */
	public GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard) {
		this(storage, bucket, prefix, documents, guard, DEFAULT_CLAIM_TIMEOUT);
	}

	/**
	 * Creates a storage for the given bucket.
	 * @param storage supplies the client on first use
	 * @param bucket the bucket name
	 * @param prefix the object name prefix, empty or ending in {@code /}
	 * @param documents the document codec
	 * @param guard runs every data call through the circuit breakers
	 * @param claimTimeout how long a writer's claim on an id ({@code metadata.json}
	 * without {@code result.json}) holds before a later writer takes it over
	 */
	public GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard, Duration claimTimeout) {
		this(storage, bucket, prefix, documents, guard, claimTimeout, Clock.systemUTC());
	}

	GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard, Duration claimTimeout, Clock clock) {
		this.guard = guard;
		this.storage = storage;
		this.names = new GcsRecordNames(bucket, normalizePrefix(prefix));
		this.writer = new GcsRecordWriter(this.names, documents, claimTimeout, clock);
		this.documents = documents;
		this.clock = clock;
	}

	private static ExecutorService pageReadExecutor() {
		// Reads of one page run in parallel, at most PAGE_READS at a time for the whole
		// storage; idle threads end after a minute.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(PAGE_READS, PAGE_READS, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), DaemonThreads.named("hardening-storage-gcs-read-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	static String normalizePrefix(String prefix) {
		if (prefix == null || prefix.isBlank()) {
			return "";
		}
		String trimmed = prefix.strip();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		return (trimmed.isEmpty() || trimmed.endsWith("/")) ? trimmed : trimmed + "/";
	}

	/**
	 * Returns the bucket name.
	 * @return the bucket
	 */
	public String getBucket() {
		return this.names.bucket();
	}

	/**
	 * Returns the guard of the data calls.
	 * @return the guard
	 */
	public GcsCallGuard getGuard() {
		return this.guard;
	}

	/**
	 * Checks that the bucket exists and answers. Not a data call: it runs outside the
	 * circuit breakers (a bucket that answers says nothing about writes), bounded by the
	 * client's own retry budget and whatever waits on the caller.
	 * @throws StorageUnavailableException when it does not
	 */
	public void checkBucket() {
		Bucket found;
		try {
			found = this.storage.get().get(this.names.bucket());
		}
		catch (RuntimeException ex) {
			throw new StorageUnavailableException(
					"Bucket '" + this.names.bucket() + "' did not answer: " + Sanitizer.describe(ex), ex);
		}
		if (found == null) {
			throw new StorageUnavailableException("Bucket '" + this.names.bucket() + "' does not exist", null);
		}
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
		return this.guard.write("GCS write of '" + id + "'", () -> {
			this.writer.write(this.storage.get(), id, resultBytes, metadataBytes, storedAt);
			return uriOf(id);
		});
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		return this.guard.read("GCS read of '" + id + "'", () -> read(id, null));
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		return this.guard.read("GCS list", () -> readPage(limit, offset));
	}

	private List<StoredExperiment> readPage(int limit, int offset) {
		// The time index names the page's records newest first, one list request per
		// 1000 entries of offset and limit; only the page's records are read.
		GcsIndexCursor index = new GcsIndexCursor(this.storage.get(), this.names, offset + limit);
		index.skip(offset);
		Map<String, StoredExperiment> page = new LinkedHashMap<>();
		List<Candidate> candidates = index.next(limit);
		while (!candidates.isEmpty()) {
			for (Optional<StoredExperiment> record : readAll(candidates)) {
				record.ifPresent((found) -> page.putIfAbsent(found.id(), found));
			}
			// A record deleted since it was indexed leaves a gap: fill it from the
			// entries after the page.
			candidates = (page.size() < limit) ? index.next(limit - page.size()) : List.of();
		}
		return List.copyOf(page.values());
	}

	private List<Optional<StoredExperiment>> readAll(List<Candidate> candidates) {
		List<Future<Optional<StoredExperiment>>> reads = new ArrayList<>(candidates.size());
		try {
			for (Candidate candidate : candidates) {
				reads.add(this.pageReads.submit(() -> read(candidate.id(), candidate.storedAt())));
			}
			List<Optional<StoredExperiment>> records = new ArrayList<>(candidates.size());
			for (Future<Optional<StoredExperiment>> read : reads) {
				records.add(read.get());
			}
			return records;
		}
		catch (InterruptedException ex) {
			// The time limiter gave up on the listing: so do its reads.
			Thread.currentThread().interrupt();
			throw new StorageUnavailableException("GCS list interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new StorageUnavailableException("GCS list failed", ex.getCause());
		}
		finally {
			reads.forEach((read) -> read.cancel(true));
		}
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return this.guard.write("GCS delete of '" + id + "'", () -> {
			Storage client = this.storage.get();
			Blob resultBlob = client.get(this.names.result(id));
			// result.json first: without it the record no longer exists; its index entry
			// last, so an entry never outlives a record unnoticed (a listing skips it).
			boolean existed = client.delete(this.names.result(id));
			client.delete(this.names.metadata(id));
			if (resultBlob != null) {
				client.delete(this.names.indexEntry(id, GcsRecordNames.storedAt(resultBlob)));
			}
			return existed;
		});
	}

	@Override
	public URI uriOf(String id) {
		return URI.create("gs://" + this.names.bucket() + "/" + this.names.prefix() + id + "/" + GcsRecordNames.RESULT);
	}

	@Override
	public StorageStatus status() {
		return new StorageStatus(StorageStatus.GCS, this.names.bucket(), null, 0, null, true,
				this.guard.writesFailing(), this.guard.permanentErrors());
	}

	private Optional<StoredExperiment> read(String id, Instant knownStoredAt) {
		Storage client = this.storage.get();
		Instant storedAt = knownStoredAt;
		if (storedAt == null) {
			Blob resultBlob = client.get(this.names.result(id));
			if (resultBlob == null) {
				return Optional.empty();
			}
			storedAt = GcsRecordNames.storedAt(resultBlob);
		}
		try {
			JsonNode result = this.documents.fromBytes(client.readAllBytes(this.names.result(id)));
			JsonNode metadata = this.documents.fromBytes(client.readAllBytes(this.names.metadata(id)));
			return Optional.of(new StoredExperiment(id, result, metadata, uriOf(id), storedAt));
		}
		catch (CorruptDocumentException ex) {
			return corrupt(id, ex);
		}
		catch (StorageException ex) {
			if (ex.getCode() == 404) {
				// Deleted since it was listed, or half deleted.
				return (knownStoredAt != null) ? Optional.empty() : corrupt(id, ex);
			}
			throw ex;
		}
	}

	private Optional<StoredExperiment> corrupt(String id, RuntimeException ex) {
		if (this.reportedCorrupt.add(id)) {
			logger.warn("Skipping unreadable experiment '%s' in bucket '%s': %s".formatted(id, this.names.bucket(),
					Sanitizer.describe(ex)));
		}
		return Optional.empty();
	}

}
