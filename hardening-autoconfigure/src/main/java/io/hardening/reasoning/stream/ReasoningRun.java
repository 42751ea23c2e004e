package io.hardening.reasoning.stream;

import java.time.Duration;
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
 * <p>
 * What it was started with is its {@link RunRequest}, its events are numbered by its
 * {@link RunSource} and kept by its {@link RunReplay}, and each connection to it is a
 * {@link RunConnection}.
 */
final class ReasoningRun {

	private final RunRequest request;

	private final Duration reconnectGrace;

	private final Consumer<ReasoningRun> onEnd;

	// Fed only by the run's one serialized source (or, for a run shut down before it
	// started, once by shutDown, which then keeps the source from ever starting).
	private final RunReplay replay;

	private final Sinks.One<ReasoningEvent> shutdown = Sinks.one();

	// Let go of when the run ends.
	private volatile ModelLeg flash;

	private volatile ModelLeg pro;

	// Everything below is guarded by this.

	private State state = State.RUNNING;

	private boolean started;

	private final RunSlots slots;

	private Disposable source;

	private final AbandonTimer abandonTimer = new AbandonTimer();

	private ReasoningEvent terminal;

	// Made when the run ends, let go of once it was handed on.
	private RunRecord record;

	ReasoningRun(String id, String owner, String query, String requestId, ModelLeg flash, ModelLeg pro,
			Duration reconnectGrace, int maxEvents, StreamSlots slots, Consumer<ReasoningRun> onEnd) {
		this.request = RunRequest.now(id, owner, query, requestId);
		this.flash = flash;
		this.pro = pro;
		this.reconnectGrace = reconnectGrace;
		this.slots = new RunSlots(slots);
		this.onEnd = onEnd;
		this.replay = new RunReplay(maxEvents);
	}

	String id() {
		return this.request.id();
	}

	/**
	 * The first connection: the run starts once it is subscribed, so that it sees every
	 * event however few are kept. A run nobody connects to within {@code noShow} is
	 * cancelled. The model calls see the context of this first connection.
	 */
	Flux<ReasoningEvent> open(Duration noShow) {
		long stretch;
		synchronized (this) {
			stretch = this.abandonTimer.begin();
		}
		startAbandonTimer(noShow, stretch);
		return Flux.deferContextual((context) -> {
			if (!attachFirst()) {
				return Flux.just(RunEvents.resumeUnavailable());
			}
			// Merged in second: start() runs once the connection holds its place in the
			// replay, so nothing it must see is dropped from the kept events before.
			return new RunConnection(this::leave)
				.bound(this.replay.after(0).mergeWith(Mono.<ReasoningEvent>fromRunnable(() -> start(context))));
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
			long last = this.replay.lastSequence();
			if (!this.request.ownedBy(requester) || this.state == State.CANCELLED || after < 0 || after > last) {
				return Resumption.UNAVAILABLE;
			}
			if (this.state == State.ENDED && after >= last) {
				return Resumption.NOTHING_MISSED;
			}
			if (!this.slots.attach()) {
				return Resumption.NO_SLOT;
			}
			pending = this.abandonTimer.take();
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
		return RunConnection.awaited(this::leave, noShow, this.replay.after(after));
	}

	private boolean attachFirst() {
		Disposable pending;
		synchronized (this) {
			if (this.state == State.CANCELLED || !this.slots.attach()) {
				return false;
			}
			pending = this.abandonTimer.take();
		}
		dispose(pending);
		return true;
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
		Disposable subscription = RunSource.numbered(this.request, flashLeg, proLeg, this.shutdown.asMono())
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
		this.replay.note(event);
		if (event.isTerminal()) {
			end(event);
		}
		this.replay.emit(event);
	}

	private void failed(Throwable failure) {
		publish(RunEvents.internalError(failure).numbered(this.request.id(), this.replay.lastSequence() + 1));
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
			publish(RunEvents.shuttingDown().numbered(this.request.id(), 1));
		}
		else {
			this.shutdown.tryEmitValue(RunEvents.shuttingDown());
		}
	}

	synchronized boolean isRunning() {
		return this.state == State.RUNNING;
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
		ended(pending, null);
	}

	private void leave() {
		long stretch;
		synchronized (this) {
			if (!this.slots.detach(this.state == State.RUNNING)) {
				return;
			}
			stretch = this.abandonTimer.begin();
		}
		// The last connection left a running run: its slot stays with the run.
		if (this.reconnectGrace.isZero()) {
			cancelIfAbandoned();
		}
		else {
			startAbandonTimer(this.reconnectGrace, stretch);
		}
	}

	/**
	 * Starts the timer that cancels the run if nobody is connected when it fires, outside
	 * the lock, and hands it to the {@link AbandonTimer}, which keeps it only for the
	 * current stretch without connection. A timer not kept, or replaced, is disposed once
	 * the lock is released; one that fires early only checks.
	 */
	private void startAbandonTimer(Duration delay, long stretch) {
		Disposable started = Mono.delay(delay).subscribe((tick) -> cancelIfAbandoned());
		Disposable unneeded;
		synchronized (this) {
			unneeded = this.abandonTimer.keep(started, stretch, this.state == State.RUNNING && !this.slots.connected());
		}
		dispose(unneeded);
	}

	private void cancelIfAbandoned() {
		Disposable pending;
		Disposable calls;
		synchronized (this) {
			if (this.slots.connected() || this.state != State.RUNNING) {
				return;
			}
			this.started = true;
			calls = this.source;
			pending = finish(State.CANCELLED);
		}
		ended(pending, calls);
	}

	// Called with the lock held: returns the timer to dispose once it is released.
	private Disposable finish(State end) {
		this.state = end;
		this.record = this.request.record(outcome(), this.terminal, this.request.elapsedMillis(), this.flash.result(),
				this.pro.result(), this.replay.sequences(this.terminal));
		this.source = null;
		this.slots.drop();
		return this.abandonTimer.take();
	}

	private void ended(Disposable pending, Disposable calls) {
		dispose(pending);
		// Cancels both model calls of a cancelled run; nothing is emitted for it.
		dispose(calls);
		this.onEnd.accept(this);
		// Lets go of the model legs and results: an ended run keeps its events and id.
		this.flash = null;
		this.pro = null;
		synchronized (this) {
			this.record = null;
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
		return this.record;
	}

	private enum State {

		RUNNING, ENDED, CANCELLED

	}

}
