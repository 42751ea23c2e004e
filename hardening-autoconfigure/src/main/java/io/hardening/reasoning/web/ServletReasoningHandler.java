package io.hardening.reasoning.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.hardening.reasoning.stream.ReasoningEvent;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.ReasoningRuns.Resume;
import io.hardening.reasoning.stream.StreamRejectedException;
import io.hardening.reasoning.web.ReasoningApi.ApiError;
import io.hardening.requestid.RequestIds;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.ServerResponse.SseBuilder;

/**
 * Serves {@code POST} and {@code GET /api/reasoning/query} in a servlet (Spring MVC)
 * application through the same reactive pipeline as the reactive endpoint: each event is
 * written as it comes, and a client that leaves is noticed on the next write (at the
 * latest the next heartbeat), which lets go of the run.
 */
public class ServletReasoningHandler {

	private final ReasoningRuns runs;

	private final ReasoningApi api;

	private final ReasoningSse sse;

	private final Duration asyncTimeout;

	ServletReasoningHandler(ReasoningRuns runs, ReasoningApi api, ReasoningSse sse, Duration streamTimeout) {
		this.runs = runs;
		this.api = api;
		this.sse = sse;
		// The servlet container's own async timeout (30 s on Tomcat) must not cut a
		// stream that is still within its budget.
		this.asyncTimeout = streamTimeout.plusSeconds(30);
	}

	/**
	 * The routes of the endpoint.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST(ReasoningApi.PATH, this::post)
			.GET(ReasoningApi.PATH, this::get)
			.route((request) -> ReasoningApi.PATH.equals(request.path()),
					(request) -> error(new ApiError(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
							"Use POST with {\"query\": \"...\"} or GET with ?query=...")))
			.build();
	}

	ServerResponse post(ServerRequest request) throws IOException {
		String requestId = requestId(request);
		try {
			ReasoningApi.checkContentType(request.servletRequest().getContentType());
			byte[] body;
			try (InputStream in = request.servletRequest().getInputStream()) {
				body = in.readNBytes(this.api.maxBodySize() + 1);
			}
			return stream(this.api.queryFromBody(body), requestId);
		}
		catch (ApiError ex) {
			return error(ex);
		}
	}

	ServerResponse get(ServerRequest request) {
		String requestId = requestId(request);
		String lastEventId = request.headers().firstHeader(ReasoningApi.LAST_EVENT_ID_HEADER);
		if (lastEventId != null) {
			Resume resume = this.runs.resume(lastEventId);
			return resume.nothingMissed() ? ServerResponse.noContent().build() : events(resume.events(), requestId);
		}
		try {
			return stream(this.api.check(request.param("query").orElse(null)), requestId);
		}
		catch (ApiError ex) {
			return error(ex);
		}
	}

	private ServerResponse stream(String query, String requestId) {
		try {
			return events(this.runs.start(query, requestId), requestId);
		}
		catch (StreamRejectedException ex) {
			return error(ReasoningApi.rejected(ex));
		}
	}

	private ServerResponse events(Flux<ReasoningEvent> events, String requestId) {
		ServerResponse sse = ServerResponse.sse((builder) -> forward(this.sse.stream(events), builder),
				this.asyncTimeout);
		return new StreamHeaders(sse, requestId);
	}

	private static void forward(Flux<ServerSentEvent<String>> events, SseBuilder builder) {
		BaseSubscriber<ServerSentEvent<String>> writer = new BaseSubscriber<>() {

			@Override
			protected void hookOnNext(ServerSentEvent<String> event) {
				try {
					write(event, builder);
				}
				catch (IOException ex) {
					// The client left: cancelling lets go of the run.
					cancel();
				}
			}

			@Override
			protected void hookOnComplete() {
				builder.complete();
			}

			@Override
			protected void hookOnError(Throwable failure) {
				builder.complete();
			}

		};
		builder.onError((ex) -> writer.dispose());
		builder.onTimeout(writer::dispose);
		builder.onComplete(writer::dispose);
		// Subscribed on the request thread: the request id in its MDC (and the request's
		// observation) go into the Reactor context, which automatic context propagation
		// restores on the model calls' threads. Nothing is captured without the
		// context-propagation library.
		events.contextCapture().subscribe(writer);
	}

	private static void write(ServerSentEvent<String> event, SseBuilder builder) throws IOException {
		if (event.retry() != null) {
			builder.retry(event.retry());
		}
		if (event.comment() != null) {
			builder.comment(event.comment());
		}
		if (event.id() != null) {
			builder.id(event.id());
		}
		if (event.event() != null) {
			builder.event(event.event());
		}
		if (event.data() != null) {
			builder.data(event.data());
		}
		else {
			builder.send();
		}
	}

	private static String requestId(ServerRequest request) {
		return ReasoningApi.requestId(request.servletRequest().getAttribute(RequestIds.ATTRIBUTE),
				request.headers().firstHeader(ReasoningApi.REQUEST_ID_HEADER));
	}

	private static ServerResponse error(ApiError error) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(error.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (error.status() == HttpStatus.TOO_MANY_REQUESTS) {
			builder.header(HttpHeaders.RETRY_AFTER, ReasoningApi.RETRY_AFTER_SECONDS);
		}
		return builder.body(error.body());
	}

	/**
	 * Adds the stream's headers to an SSE response, whose own headers are read-only.
	 */
	private record StreamHeaders(ServerResponse sse, String requestId) implements ServerResponse {

		@Override
		public HttpStatusCode statusCode() {
			return this.sse.statusCode();
		}

		@Override
		public HttpHeaders headers() {
			return this.sse.headers();
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return this.sse.cookies();
		}

		@Override
		public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
				throws ServletException, IOException {
			response.setHeader("X-Accel-Buffering", "no");
			response.setHeader(ReasoningApi.REQUEST_ID_HEADER, this.requestId);
			return this.sse.writeTo(request, response, context);
		}

	}

}
