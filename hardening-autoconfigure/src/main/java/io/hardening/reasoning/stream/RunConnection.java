package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One connection's hold on a run: it leaves exactly once, however it ends.
 */
final class RunConnection {

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private final AtomicBoolean left = new AtomicBoolean();

	private final Runnable onLeave;

	/**
	 * Creates a connection.
	 * @param onLeave what its leaving does, run once
	 */
	RunConnection(Runnable onLeave) {
		this.onLeave = onLeave;
	}

	/**
	 * The events of a connection already attached, that must be subscribed within
	 * {@code noShow}: past it, the connection leaves and its events are one
	 * {@code resume_unavailable}, as they are for a second subscriber.
	 * @param onLeave what its leaving does, run once
	 * @param noShow the longest wait for the subscription
	 * @param events the events it watches
	 * @return its events
	 */
	static Flux<ReasoningEvent> awaited(Runnable onLeave, Duration noShow, Flux<ReasoningEvent> events) {
		RunConnection connection = new RunConnection(onLeave);
		Disposable noShowTimer = Mono.delay(noShow).subscribe((tick) -> connection.leave());
		return Flux.defer(() -> {
			noShowTimer.dispose();
			if (!connection.subscribed.compareAndSet(false, true)) {
				return Flux.just(RunEvents.resumeUnavailable());
			}
			return connection.bound(events);
		});
	}

	/**
	 * The watched events, that make the connection leave when they end or are cancelled.
	 */
	<T> Flux<T> bound(Flux<T> watched) {
		return watched.doOnTerminate(this::leave).doOnCancel(this::leave);
	}

	/**
	 * Leaves the run, once; a connection that left cannot be subscribed any more.
	 */
	void leave() {
		if (this.left.compareAndSet(false, true)) {
			this.subscribed.set(true);
			this.onLeave.run();
		}
	}

}
