package io.hardening.storage.web;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Routes of the storage REST endpoints under {@code /api/storage}.
 */
public final class StorageRoutes {

	private StorageRoutes() {
	}

	/**
	 * Creates the routes.
	 * @param handler the handler
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> create(StorageHandler handler) {
		return RouterFunctions.route(POST("/api/storage/experiment"), handler::store)
			.andRoute(GET("/api/storage/experiments"), handler::list)
			.andRoute(GET("/api/storage/experiments/{*id}"), handler::get)
			.andRoute(path("/api/storage/**"), StorageHandler::unmatched);
	}

}
