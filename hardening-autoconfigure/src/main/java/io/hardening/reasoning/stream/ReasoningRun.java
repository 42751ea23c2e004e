package io.hardening.reasoning.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One query put to both models. The two model legs are merged by Reactor into one
 * ordered, numbered stream, subscribed once, that feeds one bounded replay; every
 * connection (the first, and each reconnect) subscribes to that replay. No lock of the
 * run is held while anything is emitted, cancelled or subscribed: the lock guards only
 * the run's counters and state.
 * <p>
 * When the last connection leaves before the end, the run waits the reconnect grace; if
 * nobody comes back it cancels both model calls. It ends exactly once: with its terminal
 * event, cancelled, or shut down. Once it ended it keeps only its kept events (the
 * replay) and what identifies it.
 */
final class ReasoningRun {

	private final String id;

	private final String owner;

	private final String query;

	private final String requestId;

	private final Duration reconnectGrace;

	private final StreamSlots slots;

	private final Consumer<ReasoningRun> onEnd;

	// Fed only by the run's one serialized source (or, for a run shut down before it
	// started, once by shutDown, which then keeps the source from ever starting).
	private final Sinks.Many<ReasoningEvent> events;

	private final Sinks.One<ReasoningEvent> shutdown = Sinks.one();

	private final Instant startedAt = Instant.now();

	private final long startNanos = StreamClock.nanoTime();

	// Written by the source before the event reaches the replay.
	private volatile long lastSequence;

	// The sequences of each model's last event: what a record can answer a reconnect
	// with.
	private volatile long flashEnd;

	private volatile long proEnd;

	// Let go of when the run ends.
	private volatile ModelLeg flash;

	private volatile ModelLeg pro;

	// Everything below is guarded by this.

	private State state = State.RUNNING;

	private boolean started;

	private int connections;

	private boolean holdsSlot = true;

	private Disposable source;

	private Disposable timer;

	private ReasoningEvent terminal;

	private long durationMs = -1;

	private RunRecord.ModelResult flashResult;

	private RunRecord.ModelResult proResult;

	ReasoningRun(String id, String owner, String query, String requestId, ModelLeg flash, ModelLeg pro,
			Duration reconnectGrace, int maxEvents, StreamSlots slots, Consumer<ReasoningRun> onEnd) {
		this.id = id;
		this.owner = owner;
		this.query = query;
		this.requestId = requestId;
		this.flash = flash;
		this.pro = pro;
		this.reconnectGrace = reconnectGrace;
		this.slots = slots;
		this.onEnd = onEnd;
		this.events = Sinks.unsafe().many().replay().limit(maxEvents);
	}

	String id() {
		return this.id;
	}

	/**
	 * The first connection: the run starts once it is subscribed, so that it sees every
	 * event however few are kept. A run nobody connects to within {@code noShow} is
	 * cancelled. The model calls see the context of this first connection.
	 */
	Flux<ReasoningEvent> open(Duration noShow) {
		synchronized (this) {
			this.timer = Mono.delay(noShow).subscribe((tick) -> cancelIfAbandoned());
		}
		return Flux.deferContextual((context) -> {
			if (!attachFirst()) {
				return Flux.just(RunEvents.resumeUnavailable());
			}
			// Merged in second: start() runs once the connection holds its place in the
			// replay, so nothing it must see is dropped from the kept events before.
			return new Connection().bound(watch(0).mergeWith(Mono.<ReasoningEvent>fromRunnable(() -> start(context))));
		});
	}

	/**
	 * Decides, in one step, what a client that saw everything up to {@code after} gets.
	 * When it is {@link Resumption#AVAILABLE} the connection is attached and holds a
	 * slot: {@link #resumed(long, Duration)} gives its events.
	 */
	Resumption resume(long after, String requester) {
		Disposable pending;
		synchronized (this) {
			if (!ownedBy(requester) || this.state == State.CANCELLED || after < 0 || after > this.lastSequence) {
				return Resumption.UNAVAILABLE;
			}
			if (this.state == State.ENDED && after >= this.lastSequence) {
				return Resumption.NOTHING_MISSED;
			}
			if (!takeSlot()) {
				return Resumption.NO_SLOT;
			}
			this.connections++;
			pending = this.timer;
			this.timer = null;
		}
		dispose(pending);
		return Resumption.AVAILABLE;
	}

	/**
	 * The events after {@code after} for a connection {@link #resume(long, String)}
	 * attached: gapless from the next sequence, or one {@code resume_unavailable}. A
	 * connection not subscribed within {@code noShow} is let go.
	 */
	Flux<ReasoningEvent> resumed(long after, Duration noShow) {
		Connection connection = new Connection();
		Disposable noShowTimer = Mono.delay(noShow).subscribe((tick) -> connection.leave());
		return Flux.defer(() -> {
			noShowTimer.dispose();
			if (!connection.subscribed.compareAndSet(false, true)) {
				return Flux.just(RunEvents.resumeUnavailable());
			}
			return connection.bound(watch(after));
		});
	}

	/**
	 * The kept and live events after {@code after}, checked to be gapless: a connection
	 * whose next event is no longer kept gets {@code resume_unavailable} instead.
	 */
	private Flux<ReasoningEvent> watch(long after) {
		return Flux.defer(() -> {
			long[] next = { after + 1 };
			return this.events.asFlux().handle((event, sink) -> {
				if (event.sequence() < next[0]) {
					return;
				}
				if (event.sequence() == next[0]) {
					next[0]++;
					sink.next(event);
					return;
				}
				sink.next(RunEvents.resumeUnavailable());
				sink.complete();
			});
		});
	}

	private boolean attachFirst() {
		Disposable pending;
		synchronized (this) {
			if (this.state == State.CANCELLED || !takeSlot()) {
				return false;
			}
			this.connections++;
			pending = this.timer;
			this.timer = null;
		}
		dispose(pending);
		return true;
	}

	// Called with the lock held.
	private boolean takeSlot() {
		if (this.holdsSlot) {
			this.holdsSlot = false;
			return true;
		}
		return this.slots.tryAcquire();
	}

	// Called with the lock held.
	private void dropSlot() {
		if (this.holdsSlot) {
			this.holdsSlot = false;
			this.slots.release();
		}
	}

	private boolean ownedBy(String requester) {
		if (this.owner == null || requester == null) {
			return this.owner == null && requester == null;
		}
		return MessageDigest.isEqual(this.owner.getBytes(StandardCharsets.US_ASCII),
				requester.getBytes(StandardCharsets.US_ASCII));
	}

	private void start(ContextView context) {
		ModelLeg flashLeg;
		ModelLeg proLeg;
		synchronized (this) {
			if (this.started || this.state != State.RUNNING) {
				return;
			}
			this.started = true;
			flashLeg = this.flash;
			proLeg = this.pro;
		}
		Flux<ReasoningEvent> body = Flux.concat(Mono.fromSupplier(() -> startEvent(flashLeg, proLeg)),
				Flux.merge(flashLeg.events(this.query), proLeg.events(this.query)),
				Mono.fromSupplier(() -> endEvent(flashLeg, proLeg)));
		Disposable subscription = Flux.merge(body, this.shutdown.asMono())
			.takeUntil(ReasoningEvent::isTerminal)
			.index((index, event) -> event.numbered(this.id, index + 1))
			.subscribe(this::publish, this::failed, null, Context.of(context));
		boolean keep;
		synchronized (this) {
			keep = this.state == State.RUNNING;
			if (keep) {
				this.source = subscription;
			}
		}
		if (!keep) {
			subscription.dispose();
		}
	}

	/**
	 * Hands one numbered event to the replay; called by the run's one source, one event
	 * at a time.
	 */
	private void publish(ReasoningEvent event) {
		this.lastSequence = event.sequence();
		String name = event.name();
		if (name.endsWith("_complete") || name.endsWith("_failed")) {
			if (name.startsWith("flash")) {
				this.flashEnd = event.sequence();
			}
			else if (name.startsWith("pro")) {
				this.proEnd = event.sequence();
			}
		}
		if (event.isTerminal()) {
			end(event);
		}
		this.events.tryEmitNext(event);
		if (event.isTerminal()) {
			this.events.tryEmitComplete();
		}
	}

	private void failed(Throwable failure) {
		publish(RunEvents.internalError(failure).numbered(this.id, this.lastSequence + 1));
	}

	/**
	 * Ends a running run at once with an {@code error} event of code
	 * {@code shutting_down}.
	 */
	void shutDown() {
		boolean direct;
		synchronized (this) {
			if (this.state != State.RUNNING) {
				return;
			}
			direct = !this.started;
			this.started = true;
		}
		if (direct) {
			// Nothing was started and nothing will: this is the only event.
			publish(RunEvents.shuttingDown().numbered(this.id, 1));
		}
		else {
			this.shutdown.tryEmitValue(RunEvents.shuttingDown());
		}
	}

	synchronized boolean isRunning() {
		return this.state == State.RUNNING;
	}

	private ReasoningEvent startEvent(ModelLeg flashLeg, ModelLeg proLeg) {
		return ReasoningEvent.of(ReasoningEvent.START, EventData.of("query", this.query, "flash_model",
				flashLeg.modelName(), "pro_model", proLeg.modelName(), "request_id", this.requestId));
	}

	private ReasoningEvent endEvent(ModelLeg flashLeg, ModelLeg proLeg) {
		try {
			return RunEvents.end(flashLeg, proLeg, elapsedMillis());
		}
		catch (RuntimeException ex) {
			return RunEvents.internalError(ex);
		}
	}

	private void end(ReasoningEvent event) {
		Disposable pending;
		synchronized (this) {
			if (this.state != State.RUNNING) {
				return;
			}
			this.terminal = event;
			pending = finish(State.ENDED);
		}
		dispose(pending);
		this.onEnd.accept(this);
		letGoOfLegs();
	}

	private void leave() {
		boolean cancelNow = false;
		synchronized (this) {
			this.connections--;
			if (this.connections > 0 || this.state != State.RUNNING) {
				this.slots.release();
				return;
			}
			// The last connection left a running run: its slot stays with the run.
			this.holdsSlot = true;
			if (this.reconnectGrace.isZero()) {
				cancelNow = true;
			}
			else {
				this.timer = Mono.delay(this.reconnectGrace).subscribe((tick) -> cancelIfAbandoned());
			}
		}
		if (cancelNow) {
			cancelIfAbandoned();
		}
	}

	private void cancelIfAbandoned() {
		Disposable pending;
		Disposable calls;
		synchronized (this) {
			if (this.connections > 0 || this.state != State.RUNNING) {
				return;
			}
			this.started = true;
			calls = this.source;
			pending = finish(State.CANCELLED);
		}
		dispose(pending);
		// Cancels both model calls; nothing is emitted for a cancelled run.
		dispose(calls);
		this.onEnd.accept(this);
		letGoOfLegs();
	}

	// Called with the lock held: returns the timer to dispose once it is released.
	private Disposable finish(State end) {
		this.state = end;
		this.durationMs = elapsedMillis();
		ModelLeg flashLeg = this.flash;
		ModelLeg proLeg = this.pro;
		this.flashResult = flashLeg.result();
		this.proResult = proLeg.result();
		this.source = null;
		dropSlot();
		Disposable pending = this.timer;
		this.timer = null;
		return pending;
	}

	private void letGoOfLegs() {
		this.flash = null;
		this.pro = null;
		synchronized (this) {
			this.flashResult = null;
			this.proResult = null;
		}
	}

	private static void dispose(Disposable disposable) {
		if (disposable != null) {
			disposable.dispose();
		}
	}

	synchronized StreamOutcome outcome() {
		if (this.state == State.CANCELLED) {
			return StreamOutcome.CANCELLED;
		}
		return RunEvents.outcome(this.terminal);
	}

	/**
	 * The run's record; only while the run is being ended ({@code onEnd}).
	 */
	synchronized RunRecord record() {
		String errorCode = (this.terminal != null && ReasoningEvent.ERROR.equals(this.terminal.name()))
				? (String) this.terminal.data().get("code") : null;
		Map<String, Long> sequences = new LinkedHashMap<>();
		if (this.terminal != null) {
			putIfPositive(sequences, "flash", this.flashEnd);
			putIfPositive(sequences, "pro", this.proEnd);
			sequences.put("end", this.terminal.sequence());
		}
		return new RunRecord(this.id, this.requestId, this.query, this.startedAt, this.durationMs, outcome(), errorCode,
				this.flashResult, this.proResult, this.owner, sequences);
	}

	private static void putIfPositive(Map<String, Long> sequences, String key, long sequence) {
		if (sequence > 0) {
			sequences.put(key, sequence);
		}
	}

	private long elapsedMillis() {
		return Duration.ofNanos(StreamClock.nanoTime() - this.startNanos).toMillis();
	}

	/**
	 * One connection's hold on the run: it leaves exactly once, however it ends.
	 */
	private final class Connection {

		private final AtomicBoolean subscribed = new AtomicBoolean();

		private final AtomicBoolean left = new AtomicBoolean();

		<T> Flux<T> bound(Flux<T> watched) {
			return watched.doOnTerminate(this::leave).doOnCancel(this::leave);
		}

		void leave() {
			if (this.left.compareAndSet(false, true)) {
				this.subscribed.set(true);
				ReasoningRun.this.leave();
			}
		}

	}

	private enum State {

		RUNNING, ENDED, CANCELLED

	}

}
