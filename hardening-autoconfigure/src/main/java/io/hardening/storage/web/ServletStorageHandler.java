package io.hardening.storage.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.InvalidExperimentException;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.web.StorageApi.ApiError;
import io.hardening.storage.web.StorageApi.Paging;
import io.hardening.storage.web.StorageApi.StoreRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.POST;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * The storage REST endpoints for servlet (Spring MVC) applications, with the same paths,
 * bodies and errors as the reactive ones.
 */
public class ServletStorageHandler {

	private final ExperimentStorage storage;

	private final StorageApi api;

	public ServletStorageHandler(ExperimentStorage storage, JsonDocuments documents) {
		this.storage = storage;
		this.api = new StorageApi(documents);
	}

	/**
	 * Creates the routes.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route(POST("/api/storage/experiment"), this::store)
			.andRoute(GET("/api/storage/experiments"), this::list)
			.andRoute(GET("/api/storage/experiments/{*id}"), this::get)
			.andRoute(path("/api/storage/**"), ServletStorageHandler::unmatched);
	}

	ServerResponse store(ServerRequest request) {
		ApiError wrongType = StorageApi.checkContentType(request.servletRequest().getContentType());
		if (wrongType != null) {
			return error(wrongType);
		}
		try {
			long max = this.api.maxBodySize();
			// The announced length first, then at most one byte over the limit: a body
			// that is too large is never buffered whole.
			if (request.servletRequest().getContentLengthLong() > max) {
				return error(this.api.tooLarge());
			}
			byte[] body;
			try (InputStream in = request.servletRequest().getInputStream()) {
				body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
			}
			if (body.length > max) {
				return error(this.api.tooLarge());
			}
			StoreRequest parsed = this.api.parseStore(body);
			return ok(StorageApi.stored(this.storage.storeRecord(parsed.id(), parsed.result(), parsed.metadata())));
		}
		catch (IOException ex) {
			return error(StorageApi.errorFor(new InvalidExperimentException("invalid_body", "could not read body")));
		}
		catch (RuntimeException ex) {
			return error(StorageApi.errorFor(ex));
		}
	}

	ServerResponse list(ServerRequest request) {
		try {
			Paging paging = this.api.paging(request.params().get("limit"), request.params().get("offset"));
			return ok(this.api.page(this.storage.listPage(paging.limit(), paging.offset()), paging));
		}
		catch (RuntimeException ex) {
			return error(StorageApi.errorFor(ex));
		}
	}

	ServerResponse get(ServerRequest request) {
		String id = StorageApi.pathId(request.pathVariable("id"));
		if (id == null) {
			return error(StorageApi.invalidId());
		}
		try {
			Optional<StoredExperiment> found = this.storage.get(id);
			return found.map((experiment) -> ok(StorageApi.view(experiment)))
				.orElseGet(() -> error(StorageApi.notFound(id)));
		}
		catch (RuntimeException ex) {
			return error(StorageApi.errorFor(ex));
		}
	}

	static ServerResponse unmatched(ServerRequest request) {
		ApiError error = StorageApi.unmatched(request.method().name(), request.path());
		String allowed = StorageApi.allowedMethods(request.path());
		if (error.status() == HttpStatus.METHOD_NOT_ALLOWED && allowed != null) {
			return ServerResponse.status(error.status())
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ALLOW, allowed)
				.body(error.body());
		}
		return error(error);
	}

	private ServerResponse ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(this.api.json(body));
	}

	private static ServerResponse error(ApiError error) {
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error.body());
	}

}
