package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.support.Deadlines;
import io.hardening.support.Sanitizer;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One model's part of one run: calls the model within its budgets and behind its guard,
 * turns what it streams into {@code *_delta}, {@code *_complete} and {@code *_failed}
 * events, and keeps what the run needs afterwards. A failure never escapes: it becomes a
 * {@code *_failed} event.
 * <p>
 * The leg is itself the subscriber of its call, so that an open stream holds no operators
 * of its own between the model's pieces and the run's events.
 */
final class ModelLeg extends BaseSubscriber<String> {

	private static final int MAX_ERROR_LENGTH = 500;

	private final String role;

	private final ReasoningModel model;

	private final ModelBudget budget;

	private final ModelGuard guard;

	private final ReasoningStreamListener listener;

	private final String deltaName;

	// Set before the call is subscribed, read on the model's thread.
	private Consumer<ReasoningEvent> events;

	private Runnable done;

	// The context of the connection that started the run, until the call ends.
	private volatile Context context = Context.empty();

	// Appended on the model's thread, read by whoever ends the run.
	private final StringBuffer response = new StringBuffer();

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
	 * Calls the model once. Its events go to {@code events}: deltas, then one
	 * {@code *_complete} or {@code *_failed}, after which {@code done} runs. Disposing
	 * the returned handle cancels the call, which then sends nothing more. The call sees
	 * {@code context} (the request id, the request's observation): with automatic context
	 * propagation an empty one would clear them from the thread at each operator that
	 * restores thread locals, and Micrometer would open a no-op observation scope for
	 * each call, which the call's timers then keep.
	 */
	Disposable start(String query, Consumer<ReasoningEvent> events, Runnable done, ContextView context) {
		this.events = events;
		this.done = done;
		this.context = Context.of(context);
		this.startNanos = StreamClock.nanoTime();
		Flux<String> call;
		try {
			call = this.guard.protect(this.role, budgeted(query));
		}
		catch (RuntimeException ex) {
			call = Flux.error(ex);
		}
		call.subscribe(this);
		return this;
	}

	@Override
	protected void hookOnNext(String piece) {
		received(piece);
		this.events.accept(ReasoningEvent.of(this.deltaName, Map.of("text", piece)));
	}

	@Override
	protected void hookOnComplete() {
		this.events.accept(completed());
		this.done.run();
	}

	@Override
	protected void hookOnError(Throwable failure) {
		this.events.accept(failed(failure));
		this.done.run();
	}

	@Override
	protected void hookOnCancel() {
		this.listener.modelFinished(this.role, "cancelled", elapsed());
	}

	@Override
	protected void hookFinally(SignalType type) {
		// A finished run is kept for reconnects: it need not keep the request's context.
		this.context = Context.empty();
	}

	@Override
	public Context currentContext() {
		return this.context;
	}

	private Flux<String> budgeted(String query) {
		Duration first = this.budget.firstToken();
		Duration total = this.budget.total();
		// One timer per call for both budgets (Deadlines), not one each.
		return Deadlines.within(Flux.defer(() -> this.model.stream(query)), first,
				() -> timeout("sent no text within " + first.toMillis() + "ms"), total,
				() -> timeout("did not finish within " + total.toMillis() + "ms"));
	}

	private ModelException timeout(String what) {
		return new ModelException(Kind.TIMEOUT, this.model.name(), 0, "Model '" + this.model.name() + "' " + what,
				new TimeoutException());
	}

	private void received(String piece) {
		if (this.firstTokenNanos < 0) {
			this.firstTokenNanos = StreamClock.nanoTime() - this.startNanos;
			this.listener.firstToken(this.role, Duration.ofNanos(this.firstTokenNanos));
		}
		this.response.append(piece);
	}

	private ReasoningEvent completed() {
		this.durationNanos = StreamClock.nanoTime() - this.startNanos;
		this.listener.modelFinished(this.role, "success", Duration.ofNanos(this.durationNanos));
		return ReasoningEvent.of(this.role + "_complete", EventData.of("response", response(), "duration_ms",
				durationMillis(), "first_token_ms", firstTokenMillis(), "model", this.model.name()));
	}

	private ReasoningEvent failed(Throwable failure) {
		this.durationNanos = StreamClock.nanoTime() - this.startNanos;
		this.failureCode = code(failure);
		this.listener.modelFinished(this.role, this.failureCode.equals("model_error") ? "error" : this.failureCode,
				Duration.ofNanos(this.durationNanos));
		return ReasoningEvent.of(this.role + "_failed",
				EventData.of("error", Sanitizer.sanitize(Sanitizer.describe(failure), MAX_ERROR_LENGTH), "code",
						this.failureCode, "model", this.model.name()));
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
		String text = response();
		return new RunRecord.ModelResult(modelName(), (this.firstTokenNanos < 0) ? null : text, durationMillis(),
				firstTokenMillis(), this.failureCode);
	}

	String response() {
		return this.response.toString();
	}

	Long durationMillis() {
		return (this.durationNanos >= 0) ? Duration.ofNanos(this.durationNanos).toMillis() : null;
	}

	Long firstTokenMillis() {
		return (this.firstTokenNanos >= 0) ? Duration.ofNanos(this.firstTokenNanos).toMillis() : null;
	}

}
