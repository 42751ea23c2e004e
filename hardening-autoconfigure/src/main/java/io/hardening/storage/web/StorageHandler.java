package io.hardening.storage.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hardening.storage.DocumentTooLargeException;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.InvalidExperimentException;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.StorageException;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Handles the storage REST endpoints: JSON in snake_case, every error a
 * {@code {"error","code"}} body with a 4xx status for bad input, and bad input never
 * reaches the storage.
 */
public class StorageHandler {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private static final Log logger = LogFactory.getLog(StorageHandler.class);

	private final ReactiveExperimentStorage storage;

	private final JsonDocuments documents;

	public StorageHandler(ReactiveExperimentStorage storage, JsonDocuments documents) {
		this.storage = storage;
		this.documents = documents;
	}

	Mono<ServerResponse> store(ServerRequest request) {
		long max = this.documents.getMaxDocumentSize().toBytes();
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > max) {
			return error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge());
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), (int) max)
			.map(StorageHandler::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				StoreRequest parsed = parse(body);
				return this.storage.store(parsed.id(), parsed.result(), parsed.metadata());
			})
			.flatMap((uri) -> ok(Map.of("uri", uri.toString())))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge()))
			.onErrorResume(this::failure);
	}

	Mono<ServerResponse> list(ServerRequest request) {
		int limit;
		int offset;
		try {
			limit = intParam(request, "limit", DEFAULT_LIMIT);
			offset = intParam(request, "offset", 0);
		}
		catch (NumberFormatException ex) {
			return error(HttpStatus.BAD_REQUEST, "invalid_paging", "limit and offset must be integers");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			return error(HttpStatus.BAD_REQUEST, "invalid_paging", "limit must be between 1 and " + MAX_LIMIT);
		}
		if (offset < 0) {
			return error(HttpStatus.BAD_REQUEST, "invalid_paging", "offset must be 0 or more");
		}
		return this.storage.list(limit, offset).flatMap((page) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("experiments", page.stream().map(StorageHandler::view).toList());
			body.put("limit", limit);
			body.put("offset", offset);
			return ok(body);
		}).onErrorResume(this::failure);
	}

	Mono<ServerResponse> get(ServerRequest request) {
		String id = request.pathVariable("id");
		if (id.startsWith("/")) {
			id = id.substring(1);
		}
		if (!ExperimentIds.isValid(id)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_id", invalidId());
		}
		String valid = id;
		return this.storage.get(valid)
			.flatMap((found) -> ok(view(found)))
			.switchIfEmpty(Mono
				.defer(() -> error(HttpStatus.NOT_FOUND, "not_found", "experiment '" + valid + "' does not exist")))
			.onErrorResume(this::failure);
	}

	private StoreRequest parse(byte[] body) {
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
		return new StoreRequest(id.asString(), result, metadata);
	}

	private Mono<ServerResponse> failure(Throwable ex) {
		if (ex instanceof DocumentTooLargeException tooLarge) {
			return error(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getCode(), tooLarge.getMessage());
		}
		if (ex instanceof InvalidExperimentException invalid) {
			return error(HttpStatus.BAD_REQUEST, invalid.getCode(), invalid.getMessage());
		}
		if (ex instanceof ExperimentConflictException conflict) {
			return error(HttpStatus.CONFLICT, conflict.getCode(), conflict.getMessage());
		}
		if (ex instanceof StorageUnavailableException unavailable) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getCode(), "storage is unavailable");
		}
		String code = (ex instanceof StorageException storageException) ? storageException.getCode() : "internal_error";
		logger.error("Storage request failed: " + Sanitizer.describe(ex));
		return error(HttpStatus.INTERNAL_SERVER_ERROR, code, "internal error");
	}

	private static int intParam(ServerRequest request, String name, int fallback) {
		List<String> values = request.queryParams().get(name);
		if (values == null || values.isEmpty()) {
			return fallback;
		}
		return Integer.parseInt(values.get(0).strip());
	}

	private static Map<String, Object> view(StoredExperiment experiment) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("experiment_id", experiment.id());
		view.put("result", experiment.result());
		view.put("metadata", experiment.metadata());
		view.put("uri", uri(experiment.uri()));
		view.put("stored_at", experiment.storedAt().toString());
		return view;
	}

	private static String uri(URI uri) {
		return (uri != null) ? uri.toString() : null;
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private String tooLarge() {
		return "request body is larger than hardening.storage.max-document-size (" + this.documents.getMaxDocumentSize()
				+ ")";
	}

	private static String invalidId() {
		return "experiment_id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} without '..'";
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	static Mono<ServerResponse> error(HttpStatus status, String code, String message) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", Sanitizer.sanitize(message, 500));
		body.put("code", code);
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private record StoreRequest(String id, JsonNode result, JsonNode metadata) {

	}

}
