package io.hardening.storage.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.storage.DocumentTooLargeException;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.InvalidExperimentException;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.StorageException;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoreOutcome;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What the reactive and servlet endpoints share: request parsing, paging rules, response
 * bodies and the mapping of failures to {@code {"error","code"}} answers.
 */
final class StorageApi {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private static final Log logger = LogFactory.getLog(StorageApi.class);

	private final JsonDocuments documents;

	private final Set<String> reportedTooDeep = ConcurrentHashMap.newKeySet();

	StorageApi(JsonDocuments documents) {
		this.documents = documents;
	}

	long maxBodySize() {
		return this.documents.getMaxDocumentSize().toBytes();
	}

	StoreRequest parseStore(byte[] body) {
		JsonNode node = this.documents.parseRequest(body);
		if (!node.isObject()) {
			throw new InvalidExperimentException("invalid_body", "request body must be a JSON object");
		}
		JsonNode id = node.get("experiment_id");
		if (id == null || !id.isString()) {
			throw new InvalidExperimentException("invalid_body", "experiment_id is required and must be a string");
		}
		ExperimentIds.validate(id.asString());
		JsonNode result = node.get("result");
		JsonNode metadata = node.get("metadata");
		if (result == null || !result.isObject() || metadata == null || !metadata.isObject()) {
			throw new InvalidExperimentException("invalid_body", "result and metadata are required JSON objects");
		}
		// The depth limit, here so that bad input never reaches the storage.
		this.documents.check("result", result);
		this.documents.check("metadata", metadata);
		return new StoreRequest(id.asString(), result, metadata);
	}

	/**
	 * Serializes a successful answer with the writer of the stored documents, so both web
	 * stacks send their numbers with the digits stored whatever the codecs do.
	 * @param body the body from {@link #page}, {@link #view} or {@link #stored}
	 * @return the JSON bytes
	 */
	byte[] json(Object body) {
		return this.documents.write(body);
	}

	/**
	 * Reads and checks the paging parameters.
	 * @throws InvalidExperimentException with code {@code invalid_paging}
	 */
	Paging paging(List<String> limits, List<String> offsets) {
		int limit;
		int offset;
		try {
			limit = first(limits, DEFAULT_LIMIT);
			offset = first(offsets, 0);
		}
		catch (NumberFormatException ex) {
			throw new InvalidExperimentException("invalid_paging", "limit and offset must be integers");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidExperimentException("invalid_paging", "limit must be between 1 and " + MAX_LIMIT);
		}
		if (offset < 0) {
			throw new InvalidExperimentException("invalid_paging", "offset must be 0 or more");
		}
		return new Paging(limit, offset);
	}

	private static int first(List<String> values, int fallback) {
		if (values == null || values.isEmpty()) {
			return fallback;
		}
		return Integer.parseInt(values.get(0).strip());
	}

	/**
	 * Returns the id of a path remainder, or {@code null} when it is not a valid id.
	 */
	static String pathId(String remainder) {
		String id = (remainder != null && remainder.startsWith("/")) ? remainder.substring(1) : remainder;
		return ExperimentIds.isValid(id) ? id : null;
	}

	/**
	 * The body of a listing. A record too deep to be written in it (stored before the
	 * depth limit) is left out and named in the reason of a partial page, so that one
	 * such record does not fail every page that holds it.
	 */
	Map<String, Object> page(ExperimentPage page, Paging paging) {
		List<Map<String, Object>> views = new ArrayList<>();
		List<String> tooDeep = new ArrayList<>();
		for (StoredExperiment experiment : page.experiments()) {
			if (this.documents.listable(experiment.result()) && this.documents.listable(experiment.metadata())) {
				views.add(view(experiment));
			}
			else {
				tooDeep.add(experiment.id());
			}
		}
		List<String> reasons = new ArrayList<>();
		if (page.partial()) {
			reasons.add(page.partialReason());
		}
		if (!tooDeep.isEmpty()) {
			List<String> firstSeen = tooDeep.stream().filter(this.reportedTooDeep::add).toList();
			if (!firstSeen.isEmpty()) {
				logger.warn(LogMessage.format(
						"Leaving experiments out of listings, nested too deep to be written "
								+ "(stored before hardening.storage.max-document-depth; reported once): %s",
						firstSeen));
			}
			reasons.add("left out, nested too deep to be listed (stored before hardening.storage.max-document-depth): "
					+ String.join(", ", tooDeep));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("experiments", views);
		body.put("limit", paging.limit());
		body.put("offset", paging.offset());
		if (!reasons.isEmpty()) {
			body.put("partial", true);
			body.put("reason", Sanitizer.sanitize(String.join("; ", reasons), 500));
		}
		return body;
	}

	static Map<String, Object> stored(StoreOutcome outcome) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("uri", outcome.uri().toString());
		if (outcome.spooled()) {
			body.put("spooled", true);
		}
		return body;
	}

	static Map<String, Object> view(StoredExperiment experiment) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("experiment_id", experiment.id());
		view.put("result", experiment.result());
		view.put("metadata", experiment.metadata());
		view.put("uri", (experiment.uri() != null) ? experiment.uri().toString() : null);
		view.put("stored_at", (experiment.storedAt() != null) ? experiment.storedAt().toString() : null);
		return view;
	}

	/**
	 * Checks the content type of a store request before its body is read: JSON, or none
	 * (a client that sends JSON without saying so).
	 * @param contentType the {@code Content-Type} header as sent, may be {@code null}
	 * @return the error to answer, or {@code null} when the type is acceptable
	 */
	static ApiError checkContentType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix())) {
				return null;
			}
		}
		catch (InvalidMediaTypeException ex) {
			// Answered below like any other type that is not JSON.
		}
		return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"Content-Type must be application/json");
	}

	/**
	 * Answers a request under {@code /api/storage} that no route took: 405 for a known
	 * path asked with the wrong method, 404 for any other path.
	 * @param method the request method
	 * @param path the request path
	 * @return the error to answer
	 */
	static ApiError unmatched(String method, String path) {
		String allowed = allowedMethods(path);
		if (allowed != null) {
			return new ApiError(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					method + " is not supported on " + path + ": use " + allowed);
		}
		return new ApiError(HttpStatus.NOT_FOUND, "not_found", "no storage endpoint " + method + " " + path);
	}

	/**
	 * The methods a storage path answers, for the {@code Allow} header of a 405.
	 * @param path the request path
	 * @return the methods, or {@code null} when the path is not a storage endpoint
	 */
	static String allowedMethods(String path) {
		if (path.equals("/api/storage/experiment")) {
			return "POST";
		}
		if (path.equals("/api/storage/experiments") || path.startsWith("/api/storage/experiments/")) {
			return "GET";
		}
		return null;
	}

	ApiError tooLarge() {
		return new ApiError(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
				"request body is larger than hardening.storage.max-document-size ("
						+ this.documents.getMaxDocumentSize() + ")");
	}

	static ApiError invalidId() {
		return new ApiError(HttpStatus.BAD_REQUEST, "invalid_id",
				"experiment_id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
	}

	static ApiError notFound(String id) {
		return new ApiError(HttpStatus.NOT_FOUND, "not_found", "experiment '" + id + "' does not exist");
	}

	static ApiError errorFor(Throwable ex) {
		if (ex instanceof DocumentTooLargeException tooLarge) {
			return new ApiError(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getCode(), tooLarge.getMessage());
		}
		if (ex instanceof InvalidExperimentException invalid) {
			return new ApiError(HttpStatus.BAD_REQUEST, invalid.getCode(), invalid.getMessage());
		}
		if (ex instanceof ExperimentConflictException conflict) {
			return new ApiError(HttpStatus.CONFLICT, conflict.getCode(), conflict.getMessage());
		}
		if (ex instanceof StorageUnavailableException unavailable) {
			return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getCode(), "storage is unavailable");
		}
		String code = (ex instanceof StorageException storageException) ? storageException.getCode() : "internal_error";
		logger.error(LogMessage.format("Storage request failed: %s", Sanitizer.describe(ex)));
		return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, code, "internal error");
	}

	record StoreRequest(String id, JsonNode result, JsonNode metadata) {

	}

	record Paging(int limit, int offset) {

	}

	/**
	 * An error answer.
	 */
	record ApiError(HttpStatus status, String code, String message) {

		Map<String, String> body() {
			Map<String, String> body = new LinkedHashMap<>();
			body.put("error", Sanitizer.sanitize(this.message, 500));
			body.put("code", this.code);
			return body;
		}

	}

}
