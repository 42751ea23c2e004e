package io.hardening.reasoning.gemini;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.support.Deadlines;
import io.hardening.support.Sanitizer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
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
		String where = this.endpoint.where(model);
		return this.endpoint.headers()
			.flatMapMany(
					(headers) -> post(this.endpoint.path(model, "streamGenerateContent") + "?alt=sse", headers, prompt)
						.accept(MediaType.TEXT_EVENT_STREAM)
						.retrieve()
						.onStatus(HttpStatusCode::isError, (response) -> error(model, response))
						.bodyToFlux(SSE))
			.mapNotNull(ServerSentEvent::data)
			.map((data) -> this.payloads.text(model, where, data))
			.filter((text) -> !text.isEmpty())
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
		String where = this.endpoint.where(model);
		return call(model, "generateContent", prompt, timeout).map((body) -> this.payloads.text(model, where, body));
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
		return call(model, "countTokens", text, timeout).map((body) -> this.payloads.totalTokens(model, body));
	}

	private Mono<String> call(String model, String method, String text, Duration timeout) {
		return this.endpoint.headers()
			.flatMap((headers) -> post(this.endpoint.path(model, method), headers, text)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.onStatus(HttpStatusCode::isError, (response) -> error(model, response))
				.bodyToMono(String.class))
			.timeout(timeout, Mono.error(() -> timedOut(model, timeout)))
			.onErrorMap((ex) -> modelException(model, ex));
	}

	private WebClient.RequestHeadersSpec<?> post(String uri, Map<String, List<String>> headers, String text) {
		return this.webClient.get()
			.post()
			.uri(uri)
			.headers((httpHeaders) -> headers.forEach(httpHeaders::put))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.payloads.request(text));
	}

	private Mono<ModelException> error(String model, ClientResponse response) {
		int status = response.statusCode().value();
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> GeminiErrors.toException(model, this.endpoint.where(model), status, body, this.mapper));
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
		Kind kind = (ex instanceof WebClientRequestException) ? Kind.UNAVAILABLE : Kind.FAILED;
		String what = (kind == Kind.UNAVAILABLE) ? "could not be reached" : "failed";
		return new ModelException(kind, model, 0, "Model '" + model + "' " + what + ": " + Sanitizer.describe(ex), ex);
	}

}
