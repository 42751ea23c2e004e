package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobSourceOption;
import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.RecordRef;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import tools.jackson.databind.JsonNode;

/**
 * Stores each record as one object, {@code {prefix}{id}/record.json}, created only if
 * absent (see {@link GcsRecordWriter}), with an entry per record in a time index that
 * listings page through: a page costs its list requests and one read per record on it.
 * Records of the older two-object layout are read, listed and deleted too. Blocking;
 * every data call runs through the {@link GcsCallGuard}, whose time limiter bounds it.
 */
public class GcsExperimentStorage implements ExperimentBackend {

	private final Supplier<Storage> storage;

	private final GcsRecordNames names;

	private final GcsRecordReader reader;

	private final GcsRecordWriter writer;

	private final RecordCodec codec;

	private final Clock clock;

	private final GcsCallGuard guard;

	private final Executor pageReads;

	/**
	 * Creates a storage for the given bucket that reads a page's records one after the
	 * other.
	 * @param storage supplies the client on first use
	 * @param bucket the bucket name
	 * @param prefix the object name prefix, empty or ending in {@code /}
	 * @param documents the document codec
	 * @param guard runs every data call through the circuit breakers
	 */
	public GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard) {
		this(storage, bucket, prefix, documents, guard, Runnable::run);
	}

	/**
	 * Creates a storage for the given bucket.
	 * @param storage supplies the client on first use, so that creating it (and looking
	 * up credentials) happens off the startup path
	 * @param bucket the bucket name
	 * @param prefix the object name prefix, empty or ending in {@code /}
	 * @param documents the document codec
	 * @param guard runs every data call through the {@code storage} and
	 * {@code storage-read} circuit breakers
	 * @param pageReads runs the reads of one listing page in parallel (the application's
	 * task executor)
	 */
	public GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard, Executor pageReads) {
		this(storage, bucket, prefix, documents, guard, pageReads, Clock.systemUTC());
	}

	GcsExperimentStorage(Supplier<Storage> storage, String bucket, String prefix, JsonDocuments documents,
			GcsCallGuard guard, Executor pageReads, Clock clock) {
		this.storage = storage;
		this.names = new GcsRecordNames(bucket, normalizePrefix(prefix));
		this.reader = new GcsRecordReader(this.names, documents);
		this.writer = new GcsRecordWriter(this.names, this.reader);
		this.codec = new RecordCodec(documents);
		this.guard = guard;
		this.pageReads = pageReads;
		this.clock = clock;
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
		Instant time = RecordCodec.millis(storedAt);
		byte[] record = this.codec.encode(id, result, metadata, time);
		return this.guard.write("GCS write of '" + id + "'",
				() -> this.writer.write(this.storage.get(), id, record, result, metadata, time));
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		return this.guard.read("GCS read of '" + id + "'", () -> this.reader.read(this.storage.get(), id));
	}

	@Override
	public List<RecordRef> newest(int count) {
		return this.guard.read("GCS list", () -> GcsIndexCursor.newest(this.storage.get(), this.names, count));
	}

	@Override
	public List<StoredExperiment> read(List<RecordRef> refs) {
		return this.guard.read("GCS read of a page", () -> readAll(this.storage.get(), refs));
	}

	private List<StoredExperiment> readAll(Storage client, List<RecordRef> refs) {
		List<CompletableFuture<Optional<StoredExperiment>>> reads = new ArrayList<>(refs.size());
		for (RecordRef ref : refs) {
			reads.add(CompletableFuture.supplyAsync(() -> this.reader.read(client, ref), this.pageReads));
		}
		try {
			List<StoredExperiment> records = new ArrayList<>(refs.size());
			for (CompletableFuture<Optional<StoredExperiment>> read : reads) {
				read.get().ifPresent(records::add);
			}
			return records;
		}
		catch (InterruptedException ex) {
			// The time limiter gave up on the page.
			Thread.currentThread().interrupt();
			throw new StorageUnavailableException("GCS read of a page interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new StorageUnavailableException("GCS read of a page failed", ex.getCause());
		}
		finally {
			// The time limiter gave up on the page, or one read failed: so do the others.
			reads.forEach((read) -> read.cancel(true));
		}
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return this.guard.write("GCS delete of '" + id + "'", () -> {
			Storage client = this.storage.get();
			Blob record = client.get(this.names.record(id));
			if (record != null) {
				return deleteRead(client, id, record);
			}
			Blob legacy = client.get(this.names.result(id));
			if (legacy == null) {
				return false;
			}
			// The older layout: result.json first, which ends the record; metadata.json
			// and the index entry after it.
			boolean deleted = deleteRead(client, id, legacy);
			if (deleted) {
				GcsRecordReader.deleteQuietly(client, this.names.metadata(id));
			}
			return deleted;
		});
	}

	/**
	 * Deletes the object of the generation that was read: a record stored again since
	 * (deleted and re-created by another writer) is not this delete's to remove.
	 */
	private boolean deleteRead(Storage client, String id, Blob blob) {
		BlobId read = BlobId.of(blob.getBucket(), blob.getName(), blob.getGeneration());
		boolean deleted;
		try {
			deleted = client.delete(read, BlobSourceOption.generationMatch());
		}
		catch (com.google.cloud.storage.StorageException ex) {
			if (ex.getCode() != 412) {
				throw ex;
			}
			deleted = false;
		}
		if (deleted) {
			// The index entry last, so an entry never outlives a record unnoticed.
			GcsRecordReader.deleteQuietly(client, this.names.indexEntry(id, GcsRecordNames.storedAt(blob)));
		}
		return deleted;
	}

	@Override
	public URI uriOf(String id) {
		return this.reader.uri(this.names.record(id));
	}

	@Override
	public StorageStatus status() {
		return new StorageStatus(StorageStatus.GCS, this.names.bucket(), null, 0, null, true,
				this.guard.writesFailing(), this.guard.permanentErrors());
	}

}
