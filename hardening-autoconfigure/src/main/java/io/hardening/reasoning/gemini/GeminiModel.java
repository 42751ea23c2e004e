package io.hardening.reasoning.gemini;

import java.time.Duration;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ReasoningModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Gemini model, on Vertex AI or the Developer API, with its time budget per call.
 */
public class GeminiModel implements ReasoningModel {

	private final GeminiClient client;

	private final String model;

	private final Duration timeout;

	private final GenerationSettings settings;

	/**
	 * Creates a model with Google's default generation settings.
	 * @param client the client of the endpoint that serves the model
	 * @param model the model id, such as {@code gemini-3.8-flash}
	 * @param timeout budget of each call
	 */
	public GeminiModel(GeminiClient client, String model, Duration timeout) {
		this(client, model, timeout, GenerationSettings.DEFAULTS);
	}

	/**
	 * Creates a model.
	 * @param client the client of the endpoint that serves the model
	 * @param model the model id, such as {@code gemini-3.8-flash}
	 * @param timeout budget of each call
	 * @param settings how the model generates its answers
	 */
	public GeminiModel(GeminiClient client, String model, Duration timeout, GenerationSettings settings) {
		this.client = client;
		this.model = model;
		this.timeout = timeout;
		this.settings = settings;
	}

	@Override
	public String name() {
		return this.model;
	}

	/**
	 * Streams the answer with no deadline of its own: the reasoning stream's model leg
	 * bounds every call with its first-token and total budgets.
	 */
	@Override
	public Flux<String> stream(String query) {
		return chunks(query).map(ModelChunk::text).filter((text) -> !text.isEmpty());
	}

	/**
	 * Streams the answer's chunks with no deadline of their own, like
	 * {@link #stream(String)}.
	 */
	@Override
	public Flux<ModelChunk> chunks(String query) {
		return this.client.chunks(this.model, query, this.settings);
	}

	@Override
	public Mono<String> generate(String query) {
		return this.client.generate(this.model, query, this.timeout, this.settings);
	}

	@Override
	public String toString() {
		return "GeminiModel[" + this.model + "]";
	}

}
