package io.hardening.reasoning.web;

import io.hardening.reasoning.stream.ReasoningEvent;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.ReasoningRuns.Resume;
import io.hardening.reasoning.stream.StreamRejectedException;
import io.hardening.reasoning.web.ReasoningApi.ApiError;
import io.hardening.requestid.RequestIds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Serves {@code POST} and {@code GET /api/reasoning/query} in a reactive application: a
 * new run, or the rest of one for a client that reconnects with {@code Last-Event-ID}.
 */
public class ReasoningHandler {

	private final ReasoningRuns runs;

	private final ReasoningApi api;

	private final ReasoningSse sse;

	ReasoningHandler(ReasoningRuns runs, ReasoningApi api, ReasoningSse sse) {
		this.runs = runs;
		this.api = api;
		this.sse = sse;
	}

	/**
	 * The routes of the endpoint.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route(POST(ReasoningApi.PATH), this::post)
			.andRoute(GET(ReasoningApi.PATH), this::get)
			.andRoute(path(ReasoningApi.PATH), (request) -> error(new ApiError(HttpStatus.METHOD_NOT_ALLOWED,
					"method_not_allowed", "Use POST with {\"query\": \"...\"} or GET with ?query=...")));
	}

	Mono<ServerResponse> post(ServerRequest request) {
		String requestId = requestId(request);
		try {
			ReasoningApi.checkContentType(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE));
		}
		catch (ApiError ex) {
			return error(ex);
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), this.api.maxBodySize()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> stream(body, requestId))
			// One error operator, not one per kind: WebFlux keeps this chain for as long
			// as the stream is open.
			.onErrorResume(DataBufferLimitException.class, (ex) -> error(this.api.tooLong()));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		String requestId = requestId(request);
		String lastEventId = request.headers().firstHeader(ReasoningApi.LAST_EVENT_ID_HEADER);
		if (lastEventId != null) {
			Resume resume = this.runs.resume(lastEventId);
			return resume.nothingMissed() ? ServerResponse.noContent().build() : events(resume.events(), requestId);
		}
		try {
			return stream(this.api.check(request.queryParam("query").orElse(null)), requestId);
		}
		catch (ApiError ex) {
			return error(ex);
		}
	}

	private Mono<ServerResponse> stream(byte[] body, String requestId) {
		try {
			return stream(this.api.queryFromBody(body), requestId);
		}
		catch (ApiError ex) {
			return error(ex);
		}
	}

	private Mono<ServerResponse> stream(String query, String requestId) {
		try {
			return events(this.runs.start(query, requestId), requestId);
		}
		catch (StreamRejectedException ex) {
			return error(ReasoningApi.rejected(ex));
		}
	}

	private Mono<ServerResponse> events(Flux<ReasoningEvent> events, String requestId) {
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.cacheControl(CacheControl.noCache())
			.header("X-Accel-Buffering", "no")
			.header(ReasoningApi.REQUEST_ID_HEADER, requestId)
			.body(BodyInserters.fromServerSentEvents(this.sse.stream(events)));
	}

	private static String requestId(ServerRequest request) {
		return ReasoningApi.requestId(request.exchange().getAttribute(RequestIds.ATTRIBUTE),
				request.headers().firstHeader(ReasoningApi.REQUEST_ID_HEADER));
	}

	private static Mono<ServerResponse> error(ApiError error) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(error.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (error.status().value() == 429) {
			builder.header(HttpHeaders.RETRY_AFTER, ReasoningApi.RETRY_AFTER_SECONDS);
		}
		return builder.bodyValue(error.body());
	}

}
