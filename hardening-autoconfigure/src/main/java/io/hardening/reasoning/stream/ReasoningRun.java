package io.hardening.reasoning.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.ContextView;

/**
 * One query put to both models: runs independently of the connections that watch it,
 * numbers its events and keeps the latest of them for connections that come back.
 * <p>
 * When the last connection leaves before the end, the run waits the reconnect grace; if
 * nobody comes back it cancels both model calls. It ends exactly once: with its terminal
 * event, cancelled, or shut down.
 */
final class ReasoningRun {

	private final String id;

	private final String query;

	private final String requestId;

	private final ModelLeg flash;

	private final ModelLeg pro;

	private final Duration reconnectGrace;

	private final int maxEvents;

	private final Consumer<ReasoningRun> onEnd;

	private final Sinks.Many<ReasoningEvent> events;

	private final Instant startedAt = Instant.now();

	private final long startNanos = StreamClock.nanoTime();

	// Everything below is guarded by this.

	private State state = State.RUNNING;

	private long sequence;

	private ReasoningEvent terminal;

	private int connections;

	// Volatile as well: finish() reads them without the lock.
	private volatile Disposable flashCall;

	private volatile Disposable proCall;

	private Disposable graceTimer;

	private boolean started;

	private int legsDone;

	private long durationMs = -1;

	ReasoningRun(String id, String query, String requestId, ModelLeg flash, ModelLeg pro, Duration reconnectGrace,
			int maxEvents, Consumer<ReasoningRun> onEnd) {
		this.id = id;
		this.query = query;
		this.requestId = requestId;
		this.flash = flash;
		this.pro = pro;
		this.reconnectGrace = reconnectGrace;
		this.maxEvents = maxEvents;
		this.onEnd = onEnd;
		// Every emission happens under this run's lock and the completion after the last
		// of them, so the sink needs no serialization of its own.
		this.events = Sinks.unsafe().many().replay().limit(maxEvents);
	}

	String id() {
		return this.id;
	}

	/**
	 * The first connection: the run starts once it is subscribed, so that it sees every
	 * event however few are kept. A run nobody connects to within {@code noShow} is
	 * cancelled.
	 */
	Flux<ReasoningEvent> open(Duration noShow) {
		synchronized (this) {
			this.graceTimer = Mono.delay(noShow).subscribe((tick) -> cancelIfAbandoned());
		}
		// Merged in second, start() runs once the connection holds its place in the
		// kept events, so nothing it must see can be dropped from them before.
		// The calls see the context of this first connection.
		return connect(0).mergeWith(Mono.deferContextual((context) -> {
			start(context);
			return Mono.empty();
		}));
	}

	private void start(ContextView context) {
		synchronized (this) {
			if (this.started || this.state != State.RUNNING) {
				return;
			}
			this.started = true;
		}
		emit(startEvent());
		// Each leg is subscribed on its own rather than merged: emit() already
		// serializes them, and a merge would keep queues and subscribers per run.
		Disposable flashSubscription = this.flash.start(this.query, this::emit, this::legDone, context);
		if (!keep(flashSubscription, null)) {
			return;
		}
		keep(flashSubscription, this.pro.start(this.query, this::emit, this::legDone, context));
	}

	/**
	 * Keeps the calls' subscriptions for the end of the run, or disposes them when the
	 * run ended (cancelled, shut down) while they were being subscribed, since nothing
	 * else will.
	 */
	private boolean keep(Disposable flashSubscription, Disposable proSubscription) {
		synchronized (this) {
			this.flashCall = flashSubscription;
			this.proCall = proSubscription;
			if (this.state == State.RUNNING) {
				return true;
			}
		}
		flashSubscription.dispose();
		if (proSubscription != null) {
			proSubscription.dispose();
		}
		return false;
	}

	private void legDone() {
		boolean both;
		synchronized (this) {
			both = ++this.legsDone == 2;
		}
		if (both) {
			emit(endEvent());
		}
	}

	/**
	 * Watches the run from after the given sequence number: the kept events, then live
	 * ones until the terminal event.
	 */
	Flux<ReasoningEvent> connect(long after) {
		return Flux.defer(() -> {
			attach();
			Flux<ReasoningEvent> kept = this.events.asFlux();
			// The first connection sees every event: no filter for it.
			return ((after > 0) ? kept.filter((event) -> event.sequence() > after) : kept)
				.doFinally((signal) -> detach());
		});
	}

	/**
	 * What a connection that saw everything up to {@code after} can get.
	 */
	synchronized Resumption resume(long after) {
		if (this.state == State.CANCELLED || after > this.sequence || after + 1 < oldestKept()) {
			return Resumption.UNAVAILABLE;
		}
		if (this.state == State.ENDED && after >= this.sequence) {
			return Resumption.NOTHING_MISSED;
		}
		return Resumption.AVAILABLE;
	}

	/**
	 * Ends a running run at once with an {@code error} event of code
	 * {@code shutting_down}.
	 */
	void shutDown() {
		emit(RunEvents.shuttingDown());
	}

	synchronized boolean isRunning() {
		return this.state == State.RUNNING;
	}

	private long oldestKept() {
		return Math.max(1, this.sequence - this.maxEvents + 1);
	}

	private ReasoningEvent startEvent() {
		return ReasoningEvent.of(ReasoningEvent.START, EventData.of("query", this.query, "flash_model",
				this.flash.modelName(), "pro_model", this.pro.modelName(), "request_id", this.requestId));
	}

	private ReasoningEvent endEvent() {
		try {
			return RunEvents.end(this.flash, this.pro, elapsedMillis());
		}
		catch (RuntimeException ex) {
			return RunEvents.internalError(ex);
		}
	}

	private void emit(ReasoningEvent draft) {
		synchronized (this) {
			if (this.state != State.RUNNING) {
				return;
			}
			ReasoningEvent event = draft.numbered(this.id, ++this.sequence);
			this.events.tryEmitNext(event);
			if (!event.isTerminal()) {
				return;
			}
			this.terminal = event;
			end(State.ENDED);
		}
		finish();
	}

	private synchronized void attach() {
		this.connections++;
		if (this.graceTimer != null) {
			this.graceTimer.dispose();
			this.graceTimer = null;
		}
	}

	private void detach() {
		synchronized (this) {
			this.connections--;
			if (this.connections > 0 || this.state != State.RUNNING) {
				return;
			}
			if (!this.reconnectGrace.isZero()) {
				this.graceTimer = Mono.delay(this.reconnectGrace).subscribe((tick) -> cancelIfAbandoned());
				return;
			}
		}
		cancelIfAbandoned();
	}

	private void cancelIfAbandoned() {
		synchronized (this) {
			if (this.connections > 0 || this.state != State.RUNNING) {
				return;
			}
			end(State.CANCELLED);
		}
		finish();
	}

	private void end(State state) {
		this.state = state;
		this.durationMs = elapsedMillis();
		if (this.graceTimer != null) {
			this.graceTimer.dispose();
		}
	}

	private void finish() {
		// Cancels the model calls that are still going; a no-op after the end event.
		// One not yet kept is disposed by start() once it sees the run ended.
		dispose(this.flashCall);
		dispose(this.proCall);
		this.onEnd.accept(this);
		// Completed after the run is accounted for: a client that saw the end sees the
		// counts and the record's start too. Nothing else emits once the state changed.
		this.events.tryEmitComplete();
	}

	private static void dispose(Disposable call) {
		if (call != null) {
			call.dispose();
		}
	}

	synchronized StreamOutcome outcome() {
		if (this.state == State.CANCELLED) {
			return StreamOutcome.CANCELLED;
		}
		return RunEvents.outcome(this.terminal);
	}

	synchronized RunRecord record() {
		String errorCode = (this.terminal != null && ReasoningEvent.ERROR.equals(this.terminal.name()))
				? (String) this.terminal.data().get("code") : null;
		return new RunRecord(this.id, this.requestId, this.query, this.startedAt, this.durationMs, outcome(), errorCode,
				this.flash.result(), this.pro.result());
	}

	private long elapsedMillis() {
		return Duration.ofNanos(StreamClock.nanoTime() - this.startNanos).toMillis();
	}

	private enum State {

		RUNNING, ENDED, CANCELLED

	}

}
