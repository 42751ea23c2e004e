package io.hardening.storage.gcs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.StorageException;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Writes one record's objects with preconditions, so that concurrent writers of an id end
 * with exactly one winner and a consistent pair, and nothing complete is overwritten.
 * <ol>
 * <li>{@code metadata.json}, created only if absent, is the writer's claim. A writer that
 * finds another's claim reads it back and goes on only when it is the same; a claim with
 * no {@code result.json} that is older than the claim timeout was left by a writer that
 * died, and is taken over (replaced on the condition that it is still the same
 * generation, so one taker wins).</li>
 * <li>{@code result.json}, created only if absent, completes the record; a 412 is read
 * back and counts as success when the content is the same.</li>
 * <li>the time-index entry, created only if absent, lists the record.</li>
 * </ol>
 * Runs inside a call the {@link GcsCallGuard} already bounds.
 */
final class GcsRecordWriter {

	private static final Log logger = LogFactory.getLog(GcsExperimentStorage.class);

	private static final String JSON = "application/json";

	private static final byte[] EMPTY = new byte[0];

	private final GcsRecordNames names;

	private final JsonDocuments documents;

	private final Duration claimTimeout;

	private final Clock clock;

	GcsRecordWriter(GcsRecordNames names, JsonDocuments documents, Duration claimTimeout, Clock clock) {
		this.names = names;
		this.documents = documents;
		this.claimTimeout = claimTimeout;
		this.clock = clock;
	}

	void write(Storage client, String id, byte[] result, byte[] metadata, Instant storedAt) {
		JsonNode expectedResult = this.documents.normalized(result);
		JsonNode expectedMetadata = this.documents.normalized(metadata);
		Map<String, String> custom = Map.of(GcsRecordNames.STORED_AT,
				storedAt.truncatedTo(ChronoUnit.MILLIS).toString());
		claim(client, id, metadata, expectedMetadata, custom);
		Instant recordStoredAt = storedAt;
		if (!createIfAbsent(client, this.names.result(id), result, custom)) {
			Blob existing = client.get(this.names.result(id));
			if (existing == null || !expectedResult.equals(read(client, this.names.result(id)))) {
				throw new ExperimentConflictException(id);
			}
			// An idempotent retry, or a replay of a write that reached GCS late: the
			// record keeps the stored time it has.
			recordStoredAt = GcsRecordNames.storedAt(existing);
		}
		createIfAbsent(client, this.names.indexEntry(id, recordStoredAt), EMPTY, Map.of());
	}

	private void claim(Storage client, String id, byte[] metadata, JsonNode expectedMetadata,
			Map<String, String> custom) {
		BlobId claimId = this.names.metadata(id);
		if (createIfAbsent(client, claimId, metadata, custom) || expectedMetadata.equals(read(client, claimId))) {
			return;
		}
		Blob claim = client.get(claimId);
		if (claim == null) {
			// Deleted since: claim it afresh, once.
			if (createIfAbsent(client, claimId, metadata, custom)) {
				return;
			}
			throw new ExperimentConflictException(id);
		}
		if (client.get(this.names.result(id)) != null || !stale(claim)) {
			// A complete record, or a writer still within its time.
			throw new ExperimentConflictException(id);
		}
		try {
			client.create(BlobInfo.newBuilder(BlobId.of(claimId.getBucket(), claimId.getName(), claim.getGeneration()))
				.setContentType(JSON)
				.setMetadata(custom)
				.build(), metadata, BlobTargetOption.generationMatch());
			logger.warn("Took over the stale claim on experiment '%s' left %s ago by a writer that did not finish"
				.formatted(id, Duration.between(created(claim), this.clock.instant()).toSeconds() + "s"));
		}
		catch (StorageException ex) {
			if (ex.getCode() != 412) {
				throw ex;
			}
			// Another writer took it over first: it wins unless it wrote the same.
			if (!expectedMetadata.equals(read(client, claimId))) {
				throw new ExperimentConflictException(id);
			}
		}
	}

	private boolean stale(Blob claim) {
		return created(claim).plus(this.claimTimeout).isBefore(this.clock.instant());
	}

	private static Instant created(Blob claim) {
		return (claim.getCreateTimeOffsetDateTime() != null) ? claim.getCreateTimeOffsetDateTime().toInstant()
				: Instant.EPOCH;
	}

	static boolean createIfAbsent(Storage client, BlobId blobId, byte[] content, Map<String, String> custom) {
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

	private JsonNode read(Storage client, BlobId blobId) {
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

}
