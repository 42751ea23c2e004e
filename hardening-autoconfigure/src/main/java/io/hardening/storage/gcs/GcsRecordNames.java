package io.hardening.storage.gcs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.RecordRef;

/**
 * Where the objects of one record live in the bucket: {@code {prefix}{id}/record.json}
 * (or, in the older layout, {@code {prefix}{id}/result.json} and
 * {@code {prefix}{id}/metadata.json}) and the record's entry in the time index,
 * {@code {prefix}.index/{inverted stored time}-{id}}, an empty object whose names sort
 * newest first. No id can start with '.', so the index never collides with a record.
 */
final class GcsRecordNames {

	/**
	 * Custom object metadata that keeps the original stored time across replays.
	 */
	static final String STORED_AT = "hardening-stored-at";

	static final String RECORD = "record.json";

	static final String RESULT = "result.json";

	static final String METADATA = "metadata.json";

	private static final String INDEX = ".index/";

	private static final int TIME_DIGITS = 19;

	private final String bucket;

	private final String prefix;

	GcsRecordNames(String bucket, String prefix) {
		this.bucket = bucket;
		this.prefix = prefix;
	}

	String bucket() {
		return this.bucket;
	}

	String prefix() {
		return this.prefix;
	}

	BlobId record(String id) {
		return BlobId.of(this.bucket, this.prefix + id + "/" + RECORD);
	}

	BlobId result(String id) {
		return BlobId.of(this.bucket, this.prefix + id + "/" + RESULT);
	}

	BlobId metadata(String id) {
		return BlobId.of(this.bucket, this.prefix + id + "/" + METADATA);
	}

	String indexPrefix() {
		return this.prefix + INDEX;
	}

	BlobId indexEntry(String id, Instant storedAt) {
		// Inverted milliseconds, zero-padded: ascending names are newest first, and
		// entries of one millisecond sort by id, as listings do.
		String inverted = String.format("%0" + TIME_DIGITS + "d", Long.MAX_VALUE - storedAt.toEpochMilli());
		return BlobId.of(this.bucket, indexPrefix() + inverted + "-" + id);
	}

	/**
	 * Reads an index entry's name back into the record it points at.
	 * @return the reference, or {@code null} when the name is not an index entry
	 */
	RecordRef ref(String name) {
		String rest = name.startsWith(indexPrefix()) ? name.substring(indexPrefix().length()) : "";
		if (rest.length() < TIME_DIGITS + 2 || rest.charAt(TIME_DIGITS) != '-') {
			return null;
		}
		String id = rest.substring(TIME_DIGITS + 1);
		try {
			long inverted = Long.parseLong(rest.substring(0, TIME_DIGITS));
			return ExperimentIds.isValid(id) ? new RecordRef(id, Instant.ofEpochMilli(Long.MAX_VALUE - inverted))
					: null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static Instant storedAt(BlobInfo blob) {
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

}
