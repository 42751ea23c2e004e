package io.hardening.reasoning.web;

import java.util.HexFormat;
import java.util.function.Supplier;

import io.hardening.reasoning.stream.ReasoningEvent;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.StreamRejectedException;
import io.hardening.reasoning.web.ReasoningApi.ApiError;
import io.hardening.requestid.RequestIds;
import io.hardening.support.Digests;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves {@code POST} and {@code GET /api/reasoning/query} in reactive (WebFlux) and
 * servlet (Spring MVC) applications alike: a new run, or the rest of one for a client
 * that reconnects with {@code Last-Event-ID}, as a {@code Flux} of server-sent events.
 * WebFlux writes it without blocking on the connection's event loop; Spring MVC writes it
 * on its async executor, never on the model's threads. The body of a {@code POST} is read
 * by the stack's own reader ({@link QueryRequestReader}, {@link QueryRequestConverter}).
 */
@RestController
@RequestMapping(ReasoningApi.PATH)
public class ReasoningController {

	private static final Log logger = LogFactory.getLog(ReasoningController.class);

	private static final String API_KEY_HEADER = "X-API-Key";

	private final ReasoningRuns runs;

	private final ReasoningApi api;

	private final ReasoningSse sse;

	private final Supplier<String> notReadyReason;

	ReasoningController(ReasoningRuns runs, ReasoningApi api, ReasoningSse sse, Supplier<String> notReadyReason) {
		this.runs = runs;
		this.api = api;
		this.sse = sse;
		this.notReadyReason = notReadyReason;
	}

	/**
	 * Starts a run for {@code {"query": "..."}}.
	 * @param body the checked query, {@code null} when the body is empty
	 * @param givenId the request id the request-id filter gave the request
	 * @param sentId the request id the client sent
	 * @param apiKey the client's API key, which owns the run
	 * @return the stream, or a JSON error
	 */
	@PostMapping(produces = { MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_JSON_VALUE })
	public ResponseEntity<?> post(@RequestBody(required = false) QueryRequest body,
			@RequestAttribute(name = RequestIds.ATTRIBUTE, required = false) String givenId,
			@RequestHeader(name = RequestIds.HEADER, required = false) String sentId,
			@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey) {
		if (body == null) {
			throw ReasoningApi.invalid("Request body must be a JSON object such as {\"query\": \"...\"}");
		}
		return start(body.query(), ReasoningApi.requestId(givenId, sentId), apiKey);
	}

	/**
	 * Starts a run for {@code ?query=...}, or resumes one for a client that sends
	 * {@code Last-Event-ID}.
	 * @param query the query
	 * @param lastEventId the last event id the client saw
	 * @param givenId the request id the request-id filter gave the request
	 * @param sentId the request id the client sent
	 * @param apiKey the client's API key, which owns the run
	 * @return the stream, 204 when a resumed client missed nothing, or a JSON error; a
	 * reconnect to a run another replica ran waits for its record to be read
	 */
	@GetMapping(produces = { MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_JSON_VALUE })
	public Mono<ResponseEntity<?>> get(@RequestParam(name = "query", required = false) String query,
			@RequestHeader(name = ReasoningApi.LAST_EVENT_ID_HEADER, required = false) String lastEventId,
			@RequestAttribute(name = RequestIds.ATTRIBUTE, required = false) String givenId,
			@RequestHeader(name = RequestIds.HEADER, required = false) String sentId,
			@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey) {
		String requestId = ReasoningApi.requestId(givenId, sentId);
		if (lastEventId != null) {
			ReasoningApi.checkLastEventId(lastEventId);
			return this.runs.resumeAnywhere(lastEventId, owner(apiKey))
				.<ResponseEntity<?>>map((resume) -> resume.nothingMissed() ? ResponseEntity.noContent().build()
						: events(resume.events(), requestId))
				.onErrorMap(StreamRejectedException.class, (ex) -> ReasoningApi.rejected(ex, null));
		}
		return Mono.just(start(this.api.check(query), requestId, apiKey));
	}

	/**
	 * Any other method: 405 with the methods the endpoint has.
	 * @return the JSON error
	 */
	@RequestMapping(method = { RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH })
	public ResponseEntity<?> otherMethods() {
		return error(new ApiError(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				"Use POST with {\"query\": \"...\"} or GET with ?query=..."));
	}

	private ResponseEntity<?> start(String query, String requestId, String apiKey) {
		try {
			return events(this.runs.start(query, requestId, owner(apiKey)), requestId);
		}
		catch (StreamRejectedException ex) {
			throw ReasoningApi.rejected(ex, this.notReadyReason.get());
		}
	}

	private ResponseEntity<Flux<ServerSentEvent<String>>> events(Flux<ReasoningEvent> events, String requestId) {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.cacheControl(CacheControl.noCache())
			.header("X-Accel-Buffering", "no")
			.header(RequestIds.HEADER, requestId)
			.body(this.sse.stream(events));
	}

	/**
	 * The owner of a run: a digest of the API key that started it, never the key.
	 */
	private static String owner(String apiKey) {
		return (apiKey != null) ? HexFormat.of().formatHex(Digests.sha256(apiKey)) : null;
	}

	@ExceptionHandler
	ResponseEntity<?> apiError(ApiError error) {
		return error(error);
	}

	@ExceptionHandler
	ResponseEntity<?> clientAborted(ClientAbortedException ex) {
		// Nobody reads the answer; the status only keeps the metrics honest (not a 5xx).
		logger.debug("Client aborted its request body: " + ex.getCause());
		return error(ReasoningApi.invalid("The request body was cut short"));
	}

	@ExceptionHandler
	ResponseEntity<?> statusException(ResponseStatusException ex) {
		// WebFlux: an unparsable content type (415) and other refusals of its readers.
		return error(ReasoningApi
			.invalid((ex.getStatusCode().value() == 415) ? "Content-Type must be application/json" : "Bad request"));
	}

	@ExceptionHandler
	ResponseEntity<?> badParameter(IllegalArgumentException ex) {
		// WebFlux decodes the query string when the query parameter is read: %zz fails.
		return error(ReasoningApi.invalid("The query string is not correctly percent-encoded"));
	}

	static ResponseEntity<?> error(ApiError error) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (error.status() == HttpStatus.TOO_MANY_REQUESTS) {
			builder.header(HttpHeaders.RETRY_AFTER, ReasoningApi.RETRY_AFTER_SECONDS);
		}
		if (error.status() == HttpStatus.METHOD_NOT_ALLOWED) {
			builder.allow(HttpMethod.GET, HttpMethod.POST);
		}
		return builder.body(error.body());
	}

}
