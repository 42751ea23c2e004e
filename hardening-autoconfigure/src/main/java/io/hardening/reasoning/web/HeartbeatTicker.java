package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One periodic tick shared by every connection of the endpoint, instead of a timer per
 * connection. A subscriber that has not asked for a tick when it comes misses it (the
 * others still get it), so a slow reader never holds the others back nor overflows.
 * <p>
 * The timer starts with the first subscriber and stops at a tick that finds nobody
 * subscribed and nobody who asked since the previous tick, so an idle endpoint (or a
 * closed application context) leaves no periodic task behind.
 */
final class HeartbeatTicker<T> {

	private final Duration period;

	private final T tick;

	private final Supplier<Scheduler> scheduler;

	// Emitted from the timer only, one tick at a time: no serialization needed.
	private final Sinks.Many<T> ticks = Sinks.unsafe().many().multicast().directBestEffort();

	private final Flux<T> flux;

	// Guarded by this.
	private Disposable timer;

	// Guarded by this: someone asked for ticks since the last one.
	private boolean asked;

	HeartbeatTicker(Duration period, T tick) {
		// Looked up when the timer starts, not now, so that tests in virtual time get the
		// virtual scheduler.
		this(period, tick, Schedulers::parallel);
	}

	HeartbeatTicker(Duration period, T tick, Supplier<Scheduler> scheduler) {
		this.period = period;
		this.tick = tick;
		this.scheduler = scheduler;
		this.flux = Flux.defer(() -> {
			ensureRunning();
			return this.ticks.asFlux();
		});
	}

	/**
	 * The shared ticks, from the next one on; they never complete.
	 */
	Flux<T> ticks() {
		return this.flux;
	}

	/**
	 * Whether the shared timer is running, for tests.
	 */
	synchronized boolean isRunning() {
		return this.timer != null;
	}

	private synchronized void ensureRunning() {
		this.asked = true;
		// A timer disposed from outside (its scheduler shut down, as tests do) starts
		// anew.
		if (this.timer == null || this.timer.isDisposed()) {
			long millis = this.period.toMillis();
			this.timer = this.scheduler.get().schedulePeriodically(this::tick, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	private void tick() {
		synchronized (this) {
			if (this.ticks.currentSubscriberCount() == 0 && !this.asked) {
				if (this.timer != null) {
					this.timer.dispose();
					this.timer = null;
				}
				return;
			}
			this.asked = false;
		}
		this.ticks.tryEmitNext(this.tick);
	}

}
