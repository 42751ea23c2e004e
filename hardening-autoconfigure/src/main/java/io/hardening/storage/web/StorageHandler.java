package io.hardening.storage.web;

import java.util.Map;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.web.StorageApi.ApiError;
import io.hardening.storage.web.StorageApi.Paging;
import io.hardening.storage.web.StorageApi.StoreRequest;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Handles the storage REST endpoints in a reactive application: JSON in snake_case, every
 * error a {@code {"error","code"}} body with a 4xx status for bad input, and bad input
 * never reaches the storage.
 */
public class StorageHandler {

	private final ReactiveExperimentStorage storage;

	private final StorageApi api;

	public StorageHandler(ReactiveExperimentStorage storage, JsonDocuments documents) {
		this.storage = storage;
		this.api = new StorageApi(documents);
	}

	Mono<ServerResponse> store(ServerRequest request) {
		ApiError wrongType = StorageApi
			.checkContentType(request.exchange().getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
		if (wrongType != null) {
			return error(wrongType);
		}
		long max = this.api.maxBodySize();
		if (request.headers().contentLength().orElse(-1) > max) {
			return error(this.api.tooLarge());
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), (int) max)
			.map(StorageHandler::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				StoreRequest parsed = this.api.parseStore(body);
				return this.storage.storeRecord(parsed.id(), parsed.result(), parsed.metadata());
			})
			.flatMap((outcome) -> ok(StorageApi.stored(outcome)))
			.onErrorResume(DataBufferLimitException.class, (ex) -> error(this.api.tooLarge()))
			.onErrorResume((ex) -> error(StorageApi.errorFor(ex)));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		Paging paging;
		try {
			paging = this.api.paging(request.queryParams().get("limit"), request.queryParams().get("offset"));
		}
		catch (RuntimeException ex) {
			return error(StorageApi.errorFor(ex));
		}
		return this.storage.listPage(paging.limit(), paging.offset())
			.flatMap((page) -> ok(this.api.page(page, paging)))
			.onErrorResume((ex) -> error(StorageApi.errorFor(ex)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		String id = StorageApi.pathId(request.pathVariable("id"));
		if (id == null) {
			return error(StorageApi.invalidId());
		}
		return this.storage.get(id)
			.flatMap((found) -> ok(StorageApi.view(found)))
			.switchIfEmpty(Mono.defer(() -> error(StorageApi.notFound(id))))
			.onErrorResume((ex) -> error(StorageApi.errorFor(ex)));
	}

	/**
	 * Answers a request under {@code /api/storage} that no route took.
	 * @param request the request
	 * @return a 405 with {@code Allow} for a known path, else a 404
	 */
	static Mono<ServerResponse> unmatched(ServerRequest request) {
		ApiError error = StorageApi.unmatched(request.method().name(), request.path());
		String allowed = StorageApi.allowedMethods(request.path());
		if (error.status() == HttpStatus.METHOD_NOT_ALLOWED && allowed != null) {
			return ServerResponse.status(error.status())
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ALLOW, allowed)
				.bodyValue(error.body());
		}
		return error(error);
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

	private Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(this.api.json(body));
	}

	static Mono<ServerResponse> error(ApiError error) {
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(error.body());
	}

}
