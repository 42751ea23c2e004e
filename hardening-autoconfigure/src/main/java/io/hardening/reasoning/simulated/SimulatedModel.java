package io.hardening.reasoning.simulated;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.TokenUsage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A deterministic stand-in for a model, with no network: the same query always gives the
 * same text, streamed in several pieces with the latency spread over them.
 * <p>
 * Whether a call fails is drawn from a {@link Random} seeded with the configured seed and
 * the model name: the n-th call of a model fails in every run with the same seed, the
 * same failure rate and the same order of calls. A failure rate of 0 never fails, 1
 * always fails.
 * <p>
 * It rehearses Gemini's other answers too: the first {@code rateLimitedAttempts} calls
 * answer like a 429 with a {@code RetryInfo} of {@value #RETRY_DELAY_MILLIS} ms; a query
 * containing {@value #BLOCKED_MARKER} is stopped for its content after its first piece
 * ({@code finishReason: SAFETY}); a query containing {@value #MAX_TOKENS_MARKER} is cut
 * halfway and completes with {@code max_tokens}. The last piece of an answer carries a
 * finish reason and usage figures of the size a real model would report (about four
 * characters a token).
 */
public class SimulatedModel implements ReasoningModel {

	private final String name;

	private final Duration latency;

	private final double failureRate;

	/**
	 * A query containing this gets an answer stopped for its content.
	 */
	public static final String BLOCKED_MARKER = "[simulate:blocked]";

	/**
	 * A query containing this gets an answer cut at its output token limit.
	 */
	public static final String MAX_TOKENS_MARKER = "[simulate:max_tokens]";

	static final long RETRY_DELAY_MILLIS = 200;

	private final Random random;

	private final int rateLimitedAttempts;

	private final AtomicInteger calls = new AtomicInteger();

	/**
	 * Creates a simulated model.
	 * @param name the model name, such as {@code simulated-flash}
	 * @param latency time from the call to the last piece of text
	 * @param failureRate share of calls that fail, 0 to 1
	 * @param seed seed of the failure decisions
	 */
	public SimulatedModel(String name, Duration latency, double failureRate, long seed) {
		this(name, latency, failureRate, seed, 0);
	}

	/**
	 * Creates a simulated model whose first calls are rate limited.
	 * @param name the model name, such as {@code simulated-flash}
	 * @param latency time from the call to the last piece of text
	 * @param failureRate share of calls that fail, 0 to 1
	 * @param seed seed of the failure decisions
	 * @param rateLimitedAttempts how many first calls answer like a 429
	 */
	public SimulatedModel(String name, Duration latency, double failureRate, long seed, int rateLimitedAttempts) {
		this.name = name;
		this.latency = latency;
		this.failureRate = failureRate;
		this.random = new Random(seed ^ name.hashCode());
		this.rateLimitedAttempts = rateLimitedAttempts;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Flux<String> stream(String query) {
		return chunks(query).map(ModelChunk::text);
	}

	@Override
	public Flux<ModelChunk> chunks(String query) {
		return Flux.defer(() -> {
			String text = SimulatedAnswers.text(this.name, query);
			int count = SimulatedAnswers.pieceCount(text);
			Duration step = this.latency.dividedBy(count);
			if (this.calls.getAndIncrement() < this.rateLimitedAttempts) {
				return Mono.delay(step).then(Mono.error(this::rateLimited));
			}
			if (fails()) {
				return Mono.delay(step)
					.then(Mono.error(new ModelException(Kind.UNAVAILABLE, this.name,
							"Simulated failure of model '" + this.name + "' (failure rate " + this.failureRate + ")")));
			}
			boolean blocked = query.contains(BLOCKED_MARKER);
			boolean cut = !blocked && query.contains(MAX_TOKENS_MARKER);
			int sent = blocked ? 1 : (cut ? Math.max(1, count / 2) : count);
			String finishReason = cut ? ModelChunk.MAX_TOKENS : ModelChunk.STOP;
			// One periodic timer per call rather than a delay per piece, and each piece
			// written when it is sent rather than all held from the start: same pieces,
			// same pace, next to nothing held per call. Like a model's HTTP stream, it
			// does not wait for a reader that stops asking (a reasoning run always asks):
			// that reader gets an overflow error.
			Flux<ModelChunk> pieces = Flux.interval(step, step).take(sent).map((index) -> {
				String piece = SimulatedAnswers.piece(text, index.intValue());
				return (index == sent - 1 && !blocked) ? new ModelChunk(piece, finishReason, usage(query, text, sent))
						: ModelChunk.text(piece);
			});
			return blocked ? pieces.concatWith(Mono.delay(step).then(Mono.error(this::blocked))) : pieces;
		});
	}

	private ModelException rateLimited() {
		return new ModelException(
				Kind.RATE_LIMITED, this.name, 429, "Simulated rate limit of model '" + this.name
						+ "' (429 RESOURCE_EXHAUSTED: retry in " + RETRY_DELAY_MILLIS + "ms)",
				null, Duration.ofMillis(RETRY_DELAY_MILLIS), false);
	}

	private ModelException blocked() {
		return new ModelException(Kind.BLOCKED, this.name, "Simulated block: Google stopped the answer of model '"
				+ this.name + "' for its content (finishReason SAFETY)");
	}

	// About four characters a token, as Gemini counts English; a pro model thinks more.
	private TokenUsage usage(String query, String text, int sent) {
		int characters = 0;
		for (int i = 0; i < sent; i++) {
			characters += SimulatedAnswers.piece(text, i).length();
		}
		int prompt = Math.max(1, query.length() / 4);
		int output = Math.max(1, characters / 4);
		int thinking = this.name.endsWith("pro") ? output * 4 : output;
		return new TokenUsage(prompt, output, thinking, 0, prompt + output + thinking);
	}

	@Override
	public Mono<String> generate(String query) {
		return stream(query).collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
	}

	private boolean fails() {
		synchronized (this.random) {
			return this.random.nextDouble() < this.failureRate;
		}
	}

	@Override
	public String toString() {
		return "SimulatedModel[" + this.name + "]";
	}

}
