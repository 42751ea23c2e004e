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
 * <li>The time-index entry is created first, so that a record that exists is always
 * listed; an entry whose record never came, or that names another stored time, is skipped
 * by readers (and removed by the writer that lost).</li>
 * <li>{@code record.json} is created.</li>
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
			return answer(this.reader.read(client, id), id, result, metadata);
		}
		BlobId entry = this.names.indexEntry(id, storedAt);
		createIfAbsent(client, entry, EMPTY, Map.of());
		BlobId target = this.names.record(id);
		Map<String, String> custom = Map.of(GcsRecordNames.STORED_AT, RecordCodec.millis(storedAt).toString());
		if (createIfAbsent(client, target, record, custom)) {
			return this.reader.uri(target);
		}
		Optional<StoredExperiment> winner = this.reader.read(client, id);
		if (winner.isEmpty() || !winner.get().storedAt().equals(RecordCodec.millis(storedAt))) {
			// Not this write's record (a retry of it keeps the same stored time): its
			// entry would name a record that does not exist.
			GcsRecordReader.deleteQuietly(client, entry);
		}
		return answer(winner, id, result, metadata);
	}

	private static URI answer(Optional<StoredExperiment> existing, String id, JsonNode result, JsonNode metadata) {
		// A record that cannot be read (deleted in between, or unparsable) is still not
		// this write's to replace.
		if (existing.isEmpty() || !existing.get().sameContent(result, metadata)) {
			throw new ExperimentConflictException(id);
		}
		return existing.get().uri();
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
