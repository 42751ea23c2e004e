package io.hardening.reasoning.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hardening.reasoning.stream.StreamRejectedException;
import io.hardening.requestid.RequestIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What the reactive and servlet endpoints share: reading and checking the query, the
 * request id, and the {@code {"error","code"}} answers given before a stream starts.
 */
final class ReasoningApi {

	static final String PATH = "/api/reasoning/query";

	static final String REQUEST_ID_HEADER = RequestIds.HEADER;

	static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

	/**
	 * Seconds a client refused for too many streams is told to wait.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private final JsonMapper mapper;

	private final int maxQueryLength;

	ReasoningApi(JsonMapper mapper, int maxQueryLength) {
		// A key given twice is refused rather than the last one silently winning.
		this.mapper = mapper.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		this.maxQueryLength = maxQueryLength;
	}

	/**
	 * Largest request body read: a query of the longest length in which every character
	 * is a JSON escape, and room for the rest of the object.
	 */
	int maxBodySize() {
		return this.maxQueryLength * 6 + 1024;
	}

	/**
	 * Checks the content type of a POST, as sent, before its body is read.
	 * @throws ApiError when it is not JSON
	 */
	static void checkContentType(String contentType) {
		MediaType type;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			throw invalid("Content-Type must be application/json");
		}
	}

	/**
	 * Checks a {@code Last-Event-ID}: printable ASCII only.
	 * @throws ApiError when it holds anything else
	 */
	static void checkLastEventId(String lastEventId) {
		for (int i = 0; i < lastEventId.length(); i++) {
			char c = lastEventId.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_last_event_id",
						"Last-Event-ID must be the id of an event this endpoint sent");
			}
		}
	}

	/**
	 * Reads the query of a POST body.
	 * @throws ApiError when the JSON or the query is not acceptable
	 */
	String queryFromBody(byte[] body) {
		if (body.length > maxBodySize()) {
			throw tooLong();
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("Request body must be a JSON object such as {\"query\": \"...\"}");
		}
		if (node == null || !node.isObject()) {
			throw invalid("Request body must be a JSON object such as {\"query\": \"...\"}");
		}
		JsonNode query = node.get("query");
		if (query != null && !query.isNull() && !query.isString()) {
			throw invalid("query must be a string");
		}
		return check((query != null && !query.isNull()) ? query.asString() : null);
	}

	/**
	 * Checks a query.
	 * @throws ApiError when it is missing, blank or too long
	 */
	String check(String query) {
		if (query == null || query.isBlank()) {
			throw invalid("query is required and must not be blank");
		}
		if (query.length() > this.maxQueryLength) {
			throw tooLong();
		}
		return query;
	}

	ApiError tooLong() {
		return invalid("query must be at most " + this.maxQueryLength + " characters");
	}

	static ApiError invalid(String message) {
		return new ApiError(HttpStatus.BAD_REQUEST, "invalid_query", message);
	}

	static ApiError rejected(StreamRejectedException ex, String notReadyReason) {
		return switch (ex.getReason()) {
			case NOT_INITIALIZED -> new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "vertex_not_initialized",
					"AI service unavailable", notReadyReason);
			case TOO_MANY_STREAMS -> new ApiError(HttpStatus.TOO_MANY_REQUESTS, "too_many_streams", ex.getMessage());
			case SHUTTING_DOWN -> new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", ex.getMessage());
		};
	}

	/**
	 * The request id the request-id filter gave the request, else the client's when it is
	 * acceptable, else a new one.
	 */
	static String requestId(Object given, String sent) {
		// Also covers a request the request-id filter never saw.
		return (given instanceof String id) ? id : RequestIds.accept(sent);
	}

	/**
	 * An answer given instead of a stream.
	 */
	static final class ApiError extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		private final String reason;

		ApiError(HttpStatus status, String code, String message) {
			this(status, code, message, null);
		}

		ApiError(HttpStatus status, String code, String message, String reason) {
			super(message, null, false, false);
			this.status = status;
			this.code = code;
			this.reason = reason;
		}

		HttpStatus status() {
			return this.status;
		}

		Map<String, Object> body() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", getMessage());
			body.put("code", this.code);
			if (this.reason != null) {
				body.put("reason", this.reason);
			}
			return body;
		}

	}

}
