package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.hardening.reasoning.stream.StreamRejectedException.Reason;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which streams may open now: no new run while the application shuts down or before the
 * model client is ready, and no stream at all once every slot is taken. Each refusal is
 * told to the listener as a rejected stream.
 */
final class StreamAdmission {

	private final StreamSlots slots;

	private final BooleanSupplier modelsReady;

	private final ReasoningStreamListener listener;

	StreamAdmission(StreamSlots slots, BooleanSupplier modelsReady, ReasoningStreamListener listener) {
		this.slots = slots;
		this.modelsReady = modelsReady;
		this.listener = listener;
	}

	/**
	 * Admits a new run, which then holds a slot.
	 * @param stopping whether the application is shutting down
	 * @throws StreamRejectedException when it may not start now
	 */
	void admitRun(boolean stopping) {
		if (stopping) {
			throw reject(Reason.SHUTTING_DOWN, "The application is shutting down");
		}
		if (!this.modelsReady.getAsBoolean()) {
			throw reject(Reason.NOT_INITIALIZED, "AI service unavailable");
		}
		if (!this.slots.tryAcquire()) {
			throw tooMany();
		}
	}

	/**
	 * The refusal of a stream because every slot is taken.
	 * @return the exception to throw
	 */
	StreamRejectedException tooMany() {
		return reject(Reason.TOO_MANY_STREAMS, "Too many streams: at most " + this.slots.max()
				+ " are open at once (hardening.reasoning.max-concurrent-streams)");
	}

	/**
	 * Sends events with no run behind them (a run's record), holding a slot: let go of
	 * when the connection ends, or if it is not subscribed within {@code noShow}.
	 * @param events the events
	 * @param noShow the longest wait for the subscription
	 * @return the events, or one {@code resume_unavailable} once the slot was let go of
	 * @throws StreamRejectedException when every slot is taken
	 */
	Flux<ReasoningEvent> holdingSlot(List<ReasoningEvent> events, Duration noShow) {
		if (!this.slots.tryAcquire()) {
			throw tooMany();
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.slots.release();
			}
		};
		Disposable noShowTimer = Mono.delay(noShow).subscribe((tick) -> release.run());
		return Flux.defer(() -> {
			noShowTimer.dispose();
			return released.get() ? Flux.just(RunEvents.resumeUnavailable())
					: Flux.fromIterable(events).doFinally((signal) -> release.run());
		});
	}

	private StreamRejectedException reject(Reason reason, String message) {
		this.listener.streamFinished(StreamOutcome.REJECTED);
		return new StreamRejectedException(reason, message);
	}

}
