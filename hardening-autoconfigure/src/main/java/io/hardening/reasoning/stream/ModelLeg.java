package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.TokenUsage;
import io.hardening.support.Deadlines;
import io.hardening.support.Sanitizer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One model's part of one run: calls the model within its budgets and behind its guard,
 * turns what it streams into {@code *_delta}, {@code *_complete} and {@code *_failed}
 * events, and keeps what the run's record needs. A failure never escapes: it becomes a
 * {@code *_failed} event. A call that fails before any of its text was sent may be tried
 * again ({@link FirstTokenRetry}), each attempt behind the guard; once text was sent,
 * nothing is retried.
 * <p>
 * The whole answer is joined once, when the call ends: the {@code *_complete} event, the
 * run's {@code complete} event and its record share that one string, and the buffer the
 * pieces were gathered in is let go.
 */
final class ModelLeg {

	private static final int MAX_ERROR_LENGTH = 500;

	private final String role;

	private final ReasoningModel model;

	private final ModelBudget budget;

	private final ModelGuard guard;

	private final ReasoningStreamListener listener;

	private final String deltaName;

	// Appended on the model's thread; read by whoever ends the run (a cancellation may
	// come from another thread). Its own lock never calls out.
	private volatile StringBuffer pieces = new StringBuffer();

	private volatile String answer;

	private volatile long startNanos;

	private volatile long firstTokenNanos = -1;

	private volatile long durationNanos = -1;

	private volatile String failureCode;

	private volatile int attempts;

	private volatile String finishReason;

	private volatile TokenUsage usage;

	ModelLeg(String role, ReasoningModel model, ModelBudget budget, ModelGuard guard,
			ReasoningStreamListener listener) {
		this.role = role;
		this.model = model;
		this.budget = budget;
		this.guard = guard;
		this.listener = listener;
		this.deltaName = role + "_delta";
	}

	/**
	 * The call's events: deltas, then one {@code *_complete} or {@code *_failed}. The
	 * model is called on subscription; cancelling the subscription cancels the call.
	 * @param query the query
	 * @return the events, which never fail
	 */
	Flux<ReasoningEvent> events(String query) {
		return Flux.defer(() -> {
			this.startNanos = StreamClock.nanoTime();
			return Flux.defer(() -> {
				this.attempts++;
				return this.guard.protect(this.role, budgeted(query));
			})
				.retryWhen(FirstTokenRetry.of(this.role, this.budget, () -> this.firstTokenNanos >= 0, this::elapsed,
						this.listener));
		})
			.map(this::delta)
			.concatWith(Mono.fromSupplier(this::completed))
			.onErrorResume((failure) -> Mono.fromSupplier(() -> failed(failure)))
			.doOnCancel(() -> this.listener.modelFinished(this.role, "cancelled", elapsed()));
	}

	// One attempt, within what is left of the budgets, counted from the call's start.
	// Chunks without text (thoughts, usage) are noted, not passed on: they are no first
	// token.
	private Flux<ModelChunk> budgeted(String query) {
		Duration first = this.budget.firstToken();
		Duration total = this.budget.total();
		Duration elapsed = elapsed();
		Flux<ModelChunk> texts = Flux.defer(() -> this.model.chunks(query))
			.doOnNext(this::note)
			.filter((chunk) -> !chunk.text().isEmpty());
		return Deadlines.within(texts, positive(first.minus(elapsed)),
				() -> timeout("sent no text within " + first.toMillis() + "ms"), positive(total.minus(elapsed)),
				() -> timeout("did not finish within " + total.toMillis() + "ms"));
	}

	private void note(ModelChunk chunk) {
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		if (chunk.finishReason() != null) {
			this.finishReason = chunk.finishReason();
		}
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private ModelException timeout(String what) {
		return new ModelException(Kind.TIMEOUT, this.model.name(), 0, "Model '" + this.model.name() + "' " + what,
				new TimeoutException());
	}

	private ReasoningEvent delta(ModelChunk chunk) {
		String piece = chunk.text();
		if (this.firstTokenNanos < 0) {
			this.firstTokenNanos = StreamClock.nanoTime() - this.startNanos;
			this.listener.firstToken(this.role, Duration.ofNanos(this.firstTokenNanos));
		}
		StringBuffer buffer = this.pieces;
		if (buffer != null) {
			buffer.append(piece);
		}
		return ReasoningEvent.of(this.deltaName, Map.of("text", piece));
	}

	private ReasoningEvent completed() {
		this.durationNanos = StreamClock.nanoTime() - this.startNanos;
		String response = seal();
		this.listener.modelFinished(this.role, "success", Duration.ofNanos(this.durationNanos));
		reportUsage();
		TokenUsage tokens = this.usage;
		return ReasoningEvent.of(this.role + "_complete",
				EventData.ofPairs("response", response, "duration_ms", durationMillis(), "first_token_ms",
						firstTokenMillis(), "model", this.model.name(), "finish_reason", this.finishReason, "attempts",
						this.attempts, "usage", (tokens != null) ? tokens.toMap() : null));
	}

	private ReasoningEvent failed(Throwable failure) {
		this.durationNanos = StreamClock.nanoTime() - this.startNanos;
		this.failureCode = code(failure);
		seal();
		this.listener.modelFinished(this.role, this.failureCode.equals("model_error") ? "error" : this.failureCode,
				Duration.ofNanos(this.durationNanos));
		reportUsage();
		return ReasoningEvent.of(this.role + "_failed",
				EventData.of("error", Sanitizer.sanitize(Sanitizer.describe(failure), MAX_ERROR_LENGTH), "code",
						this.failureCode, "model", this.model.name()));
	}

	/**
	 * Joins the pieces once and lets go of their buffer.
	 */
	private synchronized String seal() {
		if (this.answer == null) {
			this.answer = (this.pieces != null) ? this.pieces.toString() : "";
			this.pieces = null;
		}
		return this.answer;
	}

	private void reportUsage() {
		TokenUsage tokens = this.usage;
		if (tokens != null) {
			this.listener.tokensUsed(this.role, tokens);
		}
	}

	private static String code(Throwable failure) {
		if (failure instanceof ModelException modelException) {
			switch (modelException.getKind()) {
				case TIMEOUT:
					return "timeout";
				case CIRCUIT_OPEN:
					return "circuit_open";
				case RATE_LIMITED:
					return "rate_limited";
				case BLOCKED:
					return "blocked";
				case OVERLOADED:
					return "overloaded";
				default:
					return "model_error";
			}
		}
		if (failure instanceof BulkheadFullException) {
			return "overloaded";
		}
		return (failure instanceof TimeoutException) ? "timeout" : "model_error";
	}

	private Duration elapsed() {
		return Duration.ofNanos(StreamClock.nanoTime() - this.startNanos);
	}

	String role() {
		return this.role;
	}

	String modelName() {
		return this.model.name();
	}

	boolean answered() {
		return this.durationNanos >= 0 && this.failureCode == null;
	}

	/**
	 * Why the model failed: {@code model_error}, {@code timeout}, {@code circuit_open},
	 * {@code rate_limited}, {@code blocked} or {@code overloaded}; {@code null} when it
	 * answered or is still running.
	 */
	String failureCode() {
		return this.failureCode;
	}

	RunRecord.ModelResult result() {
		return new RunRecord.ModelResult(modelName(), (this.firstTokenNanos < 0) ? null : response(), durationMillis(),
				firstTokenMillis(), this.failureCode, this.finishReason, this.attempts, this.usage);
	}

	/**
	 * The tokens the model reported last, {@code null} when it reported none.
	 */
	TokenUsage usage() {
		return this.usage;
	}

	/**
	 * The text sent so far, or the whole answer once the call ended.
	 */
	synchronized String response() {
		if (this.answer != null) {
			return this.answer;
		}
		return (this.pieces != null) ? this.pieces.toString() : "";
	}

	Long durationMillis() {
		return (this.durationNanos >= 0) ? Duration.ofNanos(this.durationNanos).toMillis() : null;
	}

	Long firstTokenMillis() {
		return (this.firstTokenNanos >= 0) ? Duration.ofNanos(this.firstTokenNanos).toMillis() : null;
	}

}
