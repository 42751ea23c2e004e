package io.hardening.reasoning.gemini;

import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.support.Deadlines;
import io.hardening.support.Sanitizer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Non-blocking client of Google's Gemini protocol ({@code generateContent},
 * {@code streamGenerateContent?alt=sse}, {@code countTokens}) for any model of one
 * {@link GeminiEndpoint}. Every call has a time budget; cancelling a call closes its
 * connection.
 */
public class GeminiClient {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private final Supplier<WebClient> webClient;

	private final GeminiEndpoint endpoint;

	private final JsonMapper mapper;

	private final GeminiPayloads payloads;

	/**
	 * Creates a client.
	 * @param webClient the web client, with the endpoint's base URL
	 * @param endpoint where calls go and how they are authenticated
	 * @param mapper reads and writes JSON
	 */
	public GeminiClient(WebClient webClient, GeminiEndpoint endpoint, JsonMapper mapper) {
		this(() -> webClient, endpoint, mapper);
	}

	/**
	 * Creates a client whose web client is built on first use: building one (Boot's
	 * builder, its connector and their classes) takes a fifth of a second, which the
	 * first call pays (in the background: the {@code vertexAi} init component makes it)
	 * instead of the application's startup.
	 * @param webClient supplies the web client, with the endpoint's base URL; called once
	 * @param endpoint where calls go and how they are authenticated
	 * @param mapper reads and writes JSON
	 */
	public GeminiClient(Supplier<WebClient> webClient, GeminiEndpoint endpoint, JsonMapper mapper) {
		this.webClient = SingletonSupplier.of(webClient);
		this.endpoint = endpoint;
		this.mapper = mapper;
		this.payloads = new GeminiPayloads(mapper);
	}

	/**
	 * The endpoint this client calls.
	 * @return the endpoint
	 */
	public GeminiEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Streams a model's answer, thought parts and empty frames left out.
	 * @param model the model id
	 * @param prompt the prompt
	 * @param timeout budget of the whole call
	 * @return the pieces of text
	 */
	public Flux<String> stream(String model, String prompt, Duration timeout) {
		return Deadlines.within(stream(model, prompt), timeout, () -> timedOut(model, timeout));
	}

	/**
	 * Streams a model's answer, thought parts and empty frames left out, with no time
	 * budget of its own: for a caller that bounds the call itself (a reasoning stream's
	 * model leg), so that one call runs one deadline timer, not two.
	 * @param model the model id
	 * @param prompt the prompt
	 * @return the pieces of text
	 */
	public Flux<String> stream(String model, String prompt) {
		return chunks(model, prompt, GenerationSettings.DEFAULTS).map(ModelChunk::text)
			.filter((text) -> !text.isEmpty());
	}

	/**
	 * Streams a model's answer frame by frame within a time budget.
	 * @param model the model id
	 * @param prompt the prompt
	 * @param timeout budget of the whole call
	 * @param settings the generation settings
	 * @return the chunks
	 * @see #chunks(String, String, GenerationSettings)
	 */
	public Flux<ModelChunk> chunks(String model, String prompt, Duration timeout, GenerationSettings settings) {
		return Deadlines.within(chunks(model, prompt, settings), timeout, () -> timedOut(model, timeout));
	}

	/**
	 * Streams a model's answer frame by frame, with no time budget of its own (for a
	 * caller that bounds the call itself): each frame's text (thought parts left out,
	 * possibly empty), finish reason and cumulative token usage. An error frame, a
	 * blocked prompt or an answer stopped for its content fails the stream with a
	 * {@link ModelException}.
	 * @param model the model id
	 * @param prompt the prompt
	 * @param settings the generation settings
	 * @return the chunks
	 */
	public Flux<ModelChunk> chunks(String model, String prompt, GenerationSettings settings) {
		String where = this.endpoint.where(model);
		return this.endpoint.headers()
			.flatMapMany((headers) -> post(this.endpoint.path(model, "streamGenerateContent") + "?alt=sse", headers,
					this.payloads.request(prompt, settings))
				.accept(MediaType.TEXT_EVENT_STREAM)
				.retrieve()
				.onStatus(HttpStatusCode::isError, (response) -> error(model, response))
				.bodyToFlux(SSE))
			.mapNotNull(ServerSentEvent::data)
			.map((data) -> this.payloads.chunk(model, where, data))
			.onErrorMap((ex) -> modelException(model, ex));
	}

	/**
	 * Asks a model for its whole answer, thought parts left out.
	 * @param model the model id
	 * @param prompt the prompt
	 * @param timeout budget of the whole call
	 * @return the answer
	 */
	public Mono<String> generate(String model, String prompt, Duration timeout) {
		return generate(model, prompt, timeout, GenerationSettings.DEFAULTS);
	}

	/**
	 * Asks a model for its whole answer, thought parts left out.
	 * @param model the model id
	 * @param prompt the prompt
	 * @param timeout budget of the whole call
	 * @param settings the generation settings
	 * @return the answer
	 */
	public Mono<String> generate(String model, String prompt, Duration timeout, GenerationSettings settings) {
		String where = this.endpoint.where(model);
		return call(model, "generateContent", this.payloads.request(prompt, settings), timeout)
			.map((body) -> this.payloads.text(model, where, body));
	}

	/**
	 * Counts the tokens of a text with a model: free of charge, it checks that the
	 * endpoint answers and serves the model.
	 * @param model the model id
	 * @param text the text
	 * @param timeout budget of the call
	 * @return the number of tokens
	 */
	public Mono<Integer> countTokens(String model, String text, Duration timeout) {
		return call(model, "countTokens", this.payloads.request(text), timeout)
			.map((body) -> this.payloads.totalTokens(model, body));
	}

	private Mono<String> call(String model, String method, String body, Duration timeout) {
		return this.endpoint.headers()
			.flatMap((headers) -> post(this.endpoint.path(model, method), headers, body)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.onStatus(HttpStatusCode::isError, (response) -> error(model, response))
				.bodyToMono(String.class))
			.timeout(timeout, Mono.error(() -> timedOut(model, timeout)))
			.onErrorMap((ex) -> modelException(model, ex));
	}

	private WebClient.RequestHeadersSpec<?> post(String uri, Map<String, List<String>> headers, String body) {
		return this.webClient.get()
			.post()
			.uri(uri)
			.headers((httpHeaders) -> headers.forEach(httpHeaders::put))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private Mono<ModelException> error(String model, ClientResponse response) {
		int status = response.statusCode().value();
		String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> GeminiErrors.toException(model, this.endpoint.where(model), status, body, retryAfter,
					this.mapper));
	}

	// A connection reset or closed before the answer was whole: worth a retry when no
	// text was sent yet.
	private static boolean connectionLost(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PrematureCloseException || cause instanceof AbortedException
					|| cause instanceof SocketException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private ModelException timedOut(String model, Duration timeout) {
		return new ModelException(Kind.TIMEOUT, model, 0,
				"Model '" + model + "' did not answer within " + timeout.toMillis() + "ms", new TimeoutException());
	}

	private ModelException modelException(String model, Throwable ex) {
		if (ex instanceof ModelException modelException) {
			// Endpoint failures (no project, key or credentials) do not know the model.
			return (modelException.getModel() != null) ? modelException : new ModelException(modelException.getKind(),
					model, modelException.getStatus(), modelException.getMessage(), ex);
		}
		if (!(ex instanceof WebClientRequestException) && connectionLost(ex)) {
			return new ModelException(Kind.UNAVAILABLE, model, 0,
					"Model '" + model + "': the connection was closed: " + Sanitizer.describe(ex), ex);
		}
		Kind kind = (ex instanceof WebClientRequestException) ? Kind.UNAVAILABLE : Kind.FAILED;
		String what = (kind == Kind.UNAVAILABLE) ? "could not be reached" : "failed";
		return new ModelException(kind, model, 0, "Model '" + model + "' " + what + ": " + Sanitizer.describe(ex), ex);
	}

}
