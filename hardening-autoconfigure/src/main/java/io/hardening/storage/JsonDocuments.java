package io.hardening.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Turns documents into bytes and back, checking that each is a JSON object within the
 * size and depth limits, and compares them.
 * <p>
 * Documents are kept exactly as sent: the reader and writer are copies of the
 * application's mapper (which stays as it is) that read every floating-point number as a
 * {@link java.math.BigDecimal} with the digits as sent (so {@code 1e400} is not
 * {@code Infinity}, {@code 1e-400} not {@code 0.0}, {@code 1.50} keeps its zero) and
 * integers beyond {@code long} as {@link java.math.BigInteger}, and write them back
 * unchanged. Request bodies are read with duplicate keys refused. Documents compare as
 * JSON values with numbers compared as numbers ({@link #sameDocument}).
 */
public final class JsonDocuments {

	/**
	 * The default of {@code hardening.storage.max-document-depth}.
	 */
	public static final int DEFAULT_MAX_DEPTH = 64;

	/**
	 * The largest {@code hardening.storage.max-document-depth} allowed: with the levels a
	 * listing puts around a document it stays well under Jackson's default limit of 500
	 * levels for reading and writing.
	 */
	public static final int MAX_DEPTH_CEILING = 400;

	/**
	 * Levels a listing response puts around a document: the page object, its
	 * {@code experiments} array and the experiment's object.
	 */
	public static final int RESPONSE_LEVELS = 3;

	static final String DEPTH_PROPERTY = "hardening.storage.max-document-depth";

	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"", Pattern.DOTALL);

	private final ObjectReader reader;

	private final ObjectReader requestReader;

	private final ObjectWriter writer;

	private final DataSize maxDocumentSize;

	private final int maxDepth;

	private final int listableDepth;

	/**
	 * Creates the documents with the default depth limit ({@value #DEFAULT_MAX_DEPTH}).
	 * @param mapper the application's mapper
	 * @param maxDocumentSize the largest document
	 */
	public JsonDocuments(ObjectMapper mapper, DataSize maxDocumentSize) {
		this(mapper, maxDocumentSize, DEFAULT_MAX_DEPTH);
	}

	/**
	 * Creates the documents.
	 * @param mapper the application's mapper; only copies of its reader and writer are
	 * configured
	 * @param maxDocumentSize the largest document
	 * @param maxDepth the deepest nesting of a document, where {@code {}} is one level
	 * @throws IllegalArgumentException when the depth is outside 1 to
	 * {@value #MAX_DEPTH_CEILING} or leaves no room for the levels of a listing under the
	 * mapper's own nesting limits
	 */
	public JsonDocuments(ObjectMapper mapper, DataSize maxDocumentSize, int maxDepth) {
		Assert.isTrue(maxDepth >= 1 && maxDepth <= MAX_DEPTH_CEILING,
				() -> DEPTH_PROPERTY + " must be between 1 and " + MAX_DEPTH_CEILING + ", got " + maxDepth);
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		int mapperLimit = Math.min(factory.streamReadConstraints().getMaxNestingDepth(),
				factory.streamWriteConstraints().getMaxNestingDepth());
		Assert.isTrue(maxDepth + RESPONSE_LEVELS <= mapperLimit,
				() -> DEPTH_PROPERTY + " (" + maxDepth + ") plus the " + RESPONSE_LEVELS
						+ " levels of a listing must fit in the JSON mapper's nesting limit (" + mapperLimit
						+ "): lower the property or raise the mapper's limit");
		this.reader = mapper.reader()
			.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.with(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.with(JsonNodeFeature.READ_NULL_PROPERTIES)
			.without(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
		this.requestReader = this.reader.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.writer = mapper.writer()
			.without(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			.with(JsonNodeFeature.WRITE_NULL_PROPERTIES)
			.without(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
		this.maxDocumentSize = maxDocumentSize;
		this.maxDepth = maxDepth;
		this.listableDepth = factory.streamWriteConstraints().getMaxNestingDepth() - RESPONSE_LEVELS;
	}

	/**
	 * Serializes a document after checking it.
	 * @param name the document name, for messages ({@code result} or {@code metadata})
	 * @param document the document
	 * @return its JSON bytes
	 * @throws InvalidExperimentException when it is missing, not an object, nested too
	 * deep or holds a number that is not finite
	 * @throws DocumentTooLargeException when it is too large
	 */
	public byte[] toBytes(String name, JsonNode document) {
		check(name, document);
		byte[] bytes = this.writer.writeValueAsBytes(document);
		if (bytes.length > this.maxDocumentSize.toBytes()) {
			throw new DocumentTooLargeException(
					name + " is larger than hardening.storage.max-document-size (" + this.maxDocumentSize + ")");
		}
		return bytes;
	}

	/**
	 * Checks a document without serializing it: a JSON object no deeper than the limit,
	 * every number finite (a {@code NaN} or {@code Infinity} built in code has no JSON
	 * form).
	 * @param name the document name, for messages ({@code result} or {@code metadata})
	 * @param document the document
	 * @throws InvalidExperimentException when it is not acceptable
	 */
	public void check(String name, JsonNode document) {
		if (document == null || !document.isObject()) {
			throw new InvalidExperimentException("invalid_body", name + " must be a JSON object");
		}
		if (JsonValues.deeperThan(document, this.maxDepth)) {
			throw tooDeep(name);
		}
		if (!JsonValues.allFinite(document)) {
			throw new InvalidExperimentException("invalid_body",
					name + " holds a number that is not finite (NaN or Infinity), which JSON cannot hold");
		}
	}

	/**
	 * Whether a stored document fits in a listing response under the mapper's nesting
	 * limit. Whatever {@link #check} accepts does; a record stored before the depth limit
	 * existed (or under a higher one) may not, and is left out of listings rather than
	 * failing every page that holds it.
	 * @param document the stored document
	 * @return whether it can be listed
	 */
	public boolean listable(JsonNode document) {
		return document == null || !JsonValues.deeperThan(document, this.listableDepth);
	}

	/**
	 * Parses stored bytes, numbers as they were written.
	 * @param bytes the bytes
	 * @return the document
	 * @throws CorruptDocumentException when the bytes are not a JSON object
	 */
	public JsonNode fromBytes(byte[] bytes) {
		try {
			JsonNode node = this.reader.readTree(bytes);
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
	 * Parses a request body, numbers as sent, refusing duplicate keys at any level.
	 * @param bytes the body
	 * @return the JSON value
	 * @throws InvalidExperimentException when it is not JSON, has a duplicate key or is
	 * nested deeper than the parser allows
	 */
	public JsonNode parseRequest(byte[] bytes) {
		try {
			JsonNode node = this.requestReader.readTree(bytes);
			if (node == null || node.isMissingNode()) {
				throw new InvalidExperimentException("invalid_body", "request body is empty");
			}
			return node;
		}
		catch (StreamConstraintsException ex) {
			String message = String.valueOf(ex.getOriginalMessage());
			if (message.contains("nesting depth")) {
				throw tooDeep("request body");
			}
			throw new InvalidExperimentException("invalid_body",
					"request body exceeds a limit of the JSON parser: " + message);
		}
		catch (StreamReadException ex) {
			Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
			if (duplicate.find()) {
				throw new InvalidExperimentException("invalid_body", "request body has a duplicate key \""
						+ duplicate.group(1) + "\": every key may appear once per object");
			}
			throw notJson();
		}
		catch (JacksonException ex) {
			throw notJson();
		}
	}

	/**
	 * Serializes any value, such as a response body holding documents, with the writer of
	 * the documents, so that their numbers read as stored.
	 * @param value the value
	 * @return its JSON bytes
	 */
	public byte[] write(Object value) {
		return this.writer.writeValueAsBytes(value);
	}

	/**
	 * Returns the largest accepted document size.
	 * @return the size
	 */
	public DataSize getMaxDocumentSize() {
		return this.maxDocumentSize;
	}

	/**
	 * Returns the deepest accepted nesting of a document, {@code {}} being one level.
	 * @return the depth
	 */
	public int getMaxDepth() {
		return this.maxDepth;
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
	 * Whether two documents are the same JSON value: objects with the same keys in any
	 * order, arrays in the same order, and numbers compared as numbers, so {@code 1},
	 * {@code 1.0} and {@code 1e0} are equal while {@code 1e400} and the string
	 * {@code "Infinity"} are not. The one comparison of stored content: idempotent
	 * retries and conflicts are decided with it.
	 * @param a one document, may be {@code null}
	 * @param b the other, may be {@code null}
	 * @return whether they are equal
	 */
	public static boolean sameDocument(JsonNode a, JsonNode b) {
		if (a == null || b == null) {
			return a == b;
		}
		return a.equals(JsonValues.NUMBERS_AS_NUMBERS, b);
	}

	private InvalidExperimentException tooDeep(String name) {
		return new InvalidExperimentException("invalid_body", name + " is nested deeper than " + DEPTH_PROPERTY + " ("
				+ this.maxDepth + ") allows: at most " + this.maxDepth + " levels of objects and arrays");
	}

	private static InvalidExperimentException notJson() {
		return new InvalidExperimentException("invalid_body", "request body is not valid JSON");
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
