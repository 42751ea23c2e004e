package io.hardening.storage;

import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns documents into bytes and back with the application's mapper, checking that each
 * is a JSON object within the size limit.
 */
public final class JsonDocuments {

	private final ObjectMapper mapper;

	private final DataSize maxDocumentSize;

	public JsonDocuments(ObjectMapper mapper, DataSize maxDocumentSize) {
		this.mapper = mapper;
		this.maxDocumentSize = maxDocumentSize;
	}

	/**
	 * Serializes a document after checking it.
	 * @param name the document name, for messages ({@code result} or {@code metadata})
	 * @param document the document
	 * @return its JSON bytes
	 * @throws InvalidExperimentException when it is missing, not an object or too large
	 */
	public byte[] toBytes(String name, JsonNode document) {
		if (document == null || !document.isObject()) {
			throw new InvalidExperimentException("invalid_body", name + " must be a JSON object");
		}
		byte[] bytes = this.mapper.writeValueAsBytes(document);
		if (bytes.length > this.maxDocumentSize.toBytes()) {
			throw new DocumentTooLargeException(
					name + " is larger than hardening.storage.max-document-size (" + this.maxDocumentSize + ")");
		}
		return bytes;
	}

	/**
	 * Parses stored bytes.
	 * @param bytes the bytes
	 * @return the document
	 * @throws CorruptDocumentException when the bytes are not a JSON object
	 */
	public JsonNode fromBytes(byte[] bytes) {
		try {
			JsonNode node = this.mapper.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw new CorruptDocumentException("not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new CorruptDocumentException(ex.getOriginalMessage());
		}
	}

	/**
	 * Parses a request body.
	 * @param bytes the body
	 * @return the JSON value
	 * @throws InvalidExperimentException when it is not JSON
	 */
	public JsonNode parseRequest(byte[] bytes) {
		try {
			JsonNode node = this.mapper.readTree(bytes);
			if (node == null || node.isMissingNode()) {
				throw new InvalidExperimentException("invalid_body", "request body is empty");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new InvalidExperimentException("invalid_body", "request body is not valid JSON");
		}
	}

	/**
	 * Returns the largest accepted document size.
	 * @return the size
	 */
	public DataSize getMaxDocumentSize() {
		return this.maxDocumentSize;
	}

	/**
	 * Returns the document as it reads back after storing, so that comparisons with
	 * stored documents do not depend on how it was built.
	 * @param bytes the bytes from {@link #toBytes}
	 * @return the document
	 */
	public JsonNode normalized(byte[] bytes) {
		return fromBytes(bytes);
	}

	/**
	 * Thrown when stored bytes are not a JSON object.
	 */
	public static class CorruptDocumentException extends RuntimeException {

		CorruptDocumentException(String message) {
			super(message);
		}

	}

}
