package io.hardening.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a record into the one JSON object it is stored as, and back:
 * {@code {"id":...,"stored_at":...,"result":{...},"metadata":{...}}}. The documents are
 * written byte for byte as {@link JsonDocuments} serialized them, so nothing of what the
 * client sent changes on the way.
 */
public final class RecordCodec {

	private final JsonDocuments documents;

	public RecordCodec(JsonDocuments documents) {
		this.documents = documents;
	}

	/**
	 * Checks both documents and encodes the record.
	 * @param id a valid experiment id
	 * @param result the result object
	 * @param metadata the metadata object
	 * @param storedAt when the record is stored, kept to the millisecond
	 * @return the record's bytes
	 * @throws InvalidExperimentException when a document is not acceptable
	 */
	public byte[] encode(String id, JsonNode result, JsonNode metadata, Instant storedAt) {
		byte[] resultBytes = this.documents.toBytes("result", result);
		byte[] metadataBytes = this.documents.toBytes("metadata", metadata);
		// An id matches [A-Za-z0-9._-] and an instant prints as ISO-8601: neither needs
		// escaping.
		byte[] head = ("{\"id\":\"" + ExperimentIds.validate(id) + "\",\"stored_at\":\"" + millis(storedAt)
				+ "\",\"result\":")
			.getBytes(StandardCharsets.UTF_8);
		byte[] middle = ",\"metadata\":".getBytes(StandardCharsets.UTF_8);
		byte[] record = new byte[head.length + resultBytes.length + middle.length + metadataBytes.length + 1];
		int at = append(record, 0, head);
		at = append(record, at, resultBytes);
		at = append(record, at, middle);
		at = append(record, at, metadataBytes);
		record[at] = '}';
		return record;
	}

	/**
	 * Decodes a stored record.
	 * @param id the id the record was stored under
	 * @param bytes the stored bytes
	 * @param uri where the record lives
	 * @return the record
	 * @throws CorruptDocumentException when the bytes are not a record of that id
	 */
	public StoredExperiment decode(String id, byte[] bytes, URI uri) {
		JsonNode record = this.documents.fromBytes(bytes);
		if (!id.equals(record.path("id").asString(null))) {
			throw new CorruptDocumentException("holds the record of another id");
		}
		JsonNode result = record.get("result");
		JsonNode metadata = record.get("metadata");
		if (result == null || !result.isObject() || metadata == null || !metadata.isObject()) {
			throw new CorruptDocumentException("result or metadata is not a JSON object");
		}
		try {
			Instant storedAt = Instant.parse(record.path("stored_at").asString(""));
			return new StoredExperiment(id, result, metadata, uri, storedAt);
		}
		catch (DateTimeParseException ex) {
			throw new CorruptDocumentException("stored_at is not an instant");
		}
	}

	/**
	 * Returns the stored time as a record keeps it, to the millisecond.
	 * @param storedAt the time
	 * @return the time truncated to milliseconds
	 */
	public static Instant millis(Instant storedAt) {
		return storedAt.truncatedTo(ChronoUnit.MILLIS);
	}

	private static int append(byte[] target, int at, byte[] part) {
		System.arraycopy(part, 0, target, at, part.length);
		return at + part.length;
	}

}
