package io.hardening.reasoning;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A language model the starter asks for answers, streamed or whole.
 * <p>
 * Implementations are non-blocking: nothing happens until a caller subscribes, and
 * cancelling a subscription stops the call (an HTTP client closes its connection).
 * Failures arrive as a {@link ModelException}.
 */
public interface ReasoningModel {

	/**
	 * Name of the model as it should be shown to people, for example
	 * {@code gemini-3.8-flash} or {@code simulated-flash}.
	 * @return the model name
	 */
	String name();

	/**
	 * Streams the answer to a query as incremental pieces of text, in order. The pieces
	 * joined give the whole answer; none is empty.
	 * @param query the query
	 * @return the pieces of the answer
	 */
	Flux<String> stream(String query);

	/**
	 * Streams the answer to a query as chunks that carry, besides the text, what the
	 * model reports about the answer: its finish reason and token usage. The default
	 * wraps {@link #stream(String)}, which reports neither.
	 * @param query the query
	 * @return the chunks of the answer
	 */
	default Flux<ModelChunk> chunks(String query) {
		return stream(query).map(ModelChunk::text);
	}

	/**
	 * Answers a query with the whole text at once.
	 * @param query the query
	 * @return the answer
	 */
	Mono<String> generate(String query);

}
