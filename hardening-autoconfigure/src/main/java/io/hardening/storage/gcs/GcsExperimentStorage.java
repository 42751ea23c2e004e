package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.StorageException;
import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Stores records as {@code {prefix}{id}/result.json} and
 * {@code {prefix}{id}/metadata.json} in a bucket through the Google Cloud Storage client.
 * Blocking; every data call runs through the {@link GcsCallGuard}, whose time limiter
 * bounds it.
 * <p>
 * Both objects are written with a does-not-exist precondition, {@code metadata.json}
 * first as the writer's claim and {@code result.json} last, so a record is complete once
 * {@code result.json} exists and nothing is ever overwritten; a 412 answer is read back
 * and counts as success when the content is the same (an idempotent retry).
 */
public class GcsExperimentStorage implements ExperimentBackend {

	/**
	 * Custom object metadata that keeps the original stored time across replays.
	 */
	static final String STORED_AT = "hardening-stored-at";

	private static final String RESULT = "result.json";

	private static final String METADATA = "metadata.json";

	private static final String JSON = "application/json";

	private static final int PAGE_READS = 8;

	private static final Log logger = LogFactory.getLog(GcsExperimentStorage.class);

	private final Supplier<Storage> storage;

	private final String bucket;

	private final String prefix;

	private final JsonDocuments documents;

	private final Clock clock;

	private final GcsCallGuard guard;

	private final ExecutorService pageReads = pageReadExecutor();

	private final Set<String> reportedCorrupt = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a storage for the given bucket.
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
		this(storage, bucket, prefix, documents, guard, Clock.systemUTC());
	}

	GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard, Clock clock) {
		this.guard = guard;
		this.storage = storage;
		this.bucket = bucket;
		this.prefix = normalizePrefix(prefix);
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
		return this.bucket;
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
			found = this.storage.get().get(this.bucket);
		}
		catch (RuntimeException ex) {
			throw new StorageUnavailableException(
					"Bucket '" + this.bucket + "' did not answer: " + Sanitizer.describe(ex), ex);
		}
		if (found == null) {
			throw new StorageUnavailableException("Bucket '" + this.bucket + "' does not exist", null);
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
		JsonNode expectedResult = this.documents.normalized(resultBytes);
		JsonNode expectedMetadata = this.documents.normalized(metadataBytes);
		Map<String, String> custom = Map.of(STORED_AT, storedAt.truncatedTo(ChronoUnit.MILLIS).toString());
		return this.guard.write("GCS write of '" + id + "'",
				() -> create(id, resultBytes, metadataBytes, expectedResult, expectedMetadata, custom));
	}

	private URI create(String id, byte[] resultBytes, byte[] metadataBytes, JsonNode expectedResult,
			JsonNode expectedMetadata, Map<String, String> custom) {
		Storage client = this.storage.get();
		// metadata.json is the claim: only a writer whose metadata is there may write
		// result.json, and both are created with a does-not-exist precondition, so
		// concurrent writers of one id end with one winner and a consistent pair.
		if (!createIfAbsent(client, blobId(id, METADATA), metadataBytes, custom)
				&& !expectedMetadata.equals(readDocument(client, blobId(id, METADATA)))) {
			throw new ExperimentConflictException(id);
		}
		if (!createIfAbsent(client, blobId(id, RESULT), resultBytes, custom)
				&& !expectedResult.equals(readDocument(client, blobId(id, RESULT)))) {
			throw new ExperimentConflictException(id);
		}
		return uriOf(id);
	}

	private boolean createIfAbsent(Storage client, BlobId blobId, byte[] content, Map<String, String> custom) {
		try {
			client.create(BlobInfo.newBuilder(blobId).setContentType(JSON).setMetadata(custom).build(), content,
					BlobTargetOption.doesNotExist());
			return true;
		}
		catch (StorageException ex) {
			if (ex.getCode() != 412) {
				throw ex;
			}
			return false;
		}
	}

	private JsonNode readDocument(Storage client, BlobId blobId) {
		try {
			return this.documents.fromBytes(client.readAllBytes(blobId));
		}
		catch (CorruptDocumentException ex) {
			return null;
		}
		catch (StorageException ex) {
			if (ex.getCode() == 404) {
				return null;
			}
			throw ex;
		}
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
		// One entry per record (result.json only), carrying its stored time: the page is
		// chosen from the listing, and only its records are read.
		List<Candidate> candidates = new ArrayList<>();
		for (Blob blob : this.storage.get()
			.list(this.bucket, BlobListOption.prefix(this.prefix),
					BlobListOption.matchGlob(this.prefix + "*/" + RESULT),
					BlobListOption.fields(BlobField.NAME, BlobField.METADATA, BlobField.TIME_CREATED))
			.iterateAll()) {
			String name = blob.getName();
			if (!name.endsWith("/" + RESULT)) {
				continue;
			}
			String id = name.substring(this.prefix.length(), name.length() - RESULT.length() - 1);
			if (ExperimentIds.isValid(id)) {
				candidates.add(new Candidate(id, storedAt(blob)));
			}
		}
		candidates.sort(Comparator.comparing(Candidate::storedAt).reversed().thenComparing(Candidate::id));
		List<StoredExperiment> page = new ArrayList<>();
		int next = Math.min(offset, candidates.size());
		while (page.size() < limit && next < candidates.size()) {
			// A record deleted or unreadable since the listing leaves a gap: fill it from
			// the candidates after the page.
			int end = Math.min(candidates.size(), next + limit - page.size());
			for (Optional<StoredExperiment> record : readAll(candidates.subList(next, end))) {
				record.ifPresent(page::add);
			}
			next = end;
		}
		return page;
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
			// result.json first: without it the record no longer exists.
			boolean existed = client.delete(blobId(id, RESULT));
			client.delete(blobId(id, METADATA));
			return existed;
		});
	}

	@Override
	public URI uriOf(String id) {
		return URI.create("gs://" + this.bucket + "/" + this.prefix + id + "/" + RESULT);
	}

	@Override
	public StorageStatus status() {
		return new StorageStatus(StorageStatus.GCS, this.bucket, null, 0, null, true, this.guard.writesFailing(),
				this.guard.permanentErrors());
	}

	private Optional<StoredExperiment> read(String id, Instant knownStoredAt) {
		Storage client = this.storage.get();
		Instant storedAt = knownStoredAt;
		if (storedAt == null) {
			Blob resultBlob = client.get(blobId(id, RESULT));
			if (resultBlob == null) {
				return Optional.empty();
			}
			storedAt = storedAt(resultBlob);
		}
		try {
			JsonNode result = this.documents.fromBytes(client.readAllBytes(blobId(id, RESULT)));
			JsonNode metadata = this.documents.fromBytes(client.readAllBytes(blobId(id, METADATA)));
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
			logger.warn("Skipping unreadable experiment '%s' in bucket '%s': %s".formatted(id, this.bucket,
					Sanitizer.describe(ex)));
		}
		return Optional.empty();
	}

	private Instant storedAt(BlobInfo blob) {
		Map<String, String> metadata = blob.getMetadata();
		String value = (metadata != null) ? metadata.get(STORED_AT) : null;
		if (value != null) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				// fall through to the creation time
			}
		}
		if (blob.getCreateTimeOffsetDateTime() != null) {
			return blob.getCreateTimeOffsetDateTime().toInstant();
		}
		return Instant.EPOCH;
	}

	private BlobId blobId(String id, String file) {
		return BlobId.of(this.bucket, this.prefix + id + "/" + file);
	}

	private record Candidate(String id, Instant storedAt) {

	}

}
