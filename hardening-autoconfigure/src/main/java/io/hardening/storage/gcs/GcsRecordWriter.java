package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.StorageException;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.StoredExperiment;
import tools.jackson.databind.JsonNode;

/**
 * Writes a record as one object created only if absent ({@code ifGenerationMatch=0}): of
 * concurrent writers GCS lets exactly one win, and each other compares its content with
 * the winner's (equal is an idempotent success, different a conflict). No claim, no
 * clock, nothing that spans two objects decides the race.
 * <ol>
 * <li>A record of the older layout under the id answers the write, as a record does.</li>
 * <li>{@code record.json} is created.</li>
 * <li>The winner's time-index entry is created, by the winner or by an idempotent retry,
 * never by a writer that lost: so every entry names a record that exists or did exist. A
 * write cut short between the two (an outage, the time limiter) has not answered success;
 * its retry or replay finds the same content and adds the entry.</li>
 * </ol>
 * Runs inside a call the {@link GcsCallGuard} already bounds.
 */
final class GcsRecordWriter {

	private static final String JSON = "application/json";

	private static final byte[] EMPTY = new byte[0];

	private final GcsRecordNames names;

	private final GcsRecordReader reader;

	GcsRecordWriter(GcsRecordNames names, GcsRecordReader reader) {
		this.names = names;
		this.reader = reader;
	}

	URI write(Storage client, String id, byte[] record, JsonNode result, JsonNode metadata, Instant storedAt) {
		if (client.get(this.names.result(id)) != null) {
			// The older layout is listed by the entry it was written with.
			return answer(this.reader.read(client, id), id, result, metadata).uri();
		}
		BlobId target = this.names.record(id);
		Map<String, String> custom = Map.of(GcsRecordNames.STORED_AT, RecordCodec.millis(storedAt).toString());
		Instant listedAt = storedAt;
		URI uri = this.reader.uri(target);
		if (!createIfAbsent(client, target, record, custom)) {
			StoredExperiment winner = answer(this.reader.read(client, id), id, result, metadata);
			// An idempotent retry, or a replay of a write that reached GCS late: the
			// record
			// keeps the stored time it has.
			listedAt = winner.storedAt();
			uri = winner.uri();
		}
		createIfAbsent(client, this.names.indexEntry(id, listedAt), EMPTY, Map.of());
		return uri;
	}

	private static StoredExperiment answer(Optional<StoredExperiment> existing, String id, JsonNode result,
			JsonNode metadata) {
		// A record that cannot be read (deleted in between, or unparsable) is still not
		// this write's to replace.
		if (existing.isEmpty() || !existing.get().sameContent(result, metadata)) {
			throw new ExperimentConflictException(id);
		}
		return existing.get();
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

}
