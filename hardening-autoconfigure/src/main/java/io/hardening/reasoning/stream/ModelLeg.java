package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.support.Deadlines;
import io.hardening.support.Sanitizer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One model's part of one run: calls the model within its budgets and behind its guard,
 * turns what it streams into {@code *_delta}, {@code *_complete} and {@code *_failed}
 * events, and keeps what the run's record needs. A failure never escapes: it becomes a
 * {@code *_failed} event.
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
			return this.guard.protect(this.role, budgeted(query));
		})
			.map(this::delta)
			.concatWith(Mono.fromSupplier(this::completed))
			.onErrorResume((failure) -> Mono.fromSupplier(() -> failed(failure)))
			.doOnCancel(() -> this.listener.modelFinished(this.role, "cancelled", elapsed()));
	}

	private Flux<String> budgeted(String query) {
		Duration first = this.budget.firstToken();
		Duration total = this.budget.total();
		return Deadlines.within(Flux.defer(() -> this.model.stream(query)), first,
				() -> timeout("sent no text within " + first.toMillis() + "ms"), total,
				() -> timeout("did not finish within " + total.toMillis() + "ms"));
	}

	private ModelException timeout(String what) {
		return new ModelException(Kind.TIMEOUT, this.model.name(), 0, "Model '" + this.model.name() + "' " + what,
				new TimeoutException());
	}

	private ReasoningEvent delta(String piece) {
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
		return ReasoningEvent.of(this.role + "_complete", EventData.of("response", response, "duration_ms",
				durationMillis(), "first_token_ms", firstTokenMillis(), "model", this.model.name()));
	}

	private ReasoningEvent failed(Throwable failure) {
		this.durationNanos = StreamClock.nanoTime() - this.startNanos;
		this.failureCode = code(failure);
		seal();
		this.listener.modelFinished(this.role, this.failureCode.equals("model_error") ? "error" : this.failureCode,
				Duration.ofNanos(this.durationNanos));
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

	private static String code(Throwable failure) {
		if (failure instanceof ModelException modelException) {
			if (modelException.getKind() == Kind.TIMEOUT) {
				return "timeout";
			}
			if (modelException.getKind() == Kind.CIRCUIT_OPEN) {
				return "circuit_open";
			}
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
	 * Why the model failed: {@code model_error}, {@code timeout} or {@code circuit_open};
	 * {@code null} when it answered or is still running.
	 */
	String failureCode() {
		return this.failureCode;
	}

	RunRecord.ModelResult result() {
		return new RunRecord.ModelResult(modelName(), (this.firstTokenNanos < 0) ? null : response(), durationMillis(),
				firstTokenMillis(), this.failureCode);
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
