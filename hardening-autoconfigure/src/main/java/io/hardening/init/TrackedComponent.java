package io.hardening.init;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * Mutable state of one component inside the tracker. Every access is synchronized on the
 * instance.
 */
final class TrackedComponent {

	private final InitComponent component;

	private InitStatus status;

	private CompletableFuture<InitStatus> inFlight;

	private ScheduledFuture<?> scheduledAttempt;

	TrackedComponent(InitComponent component) {
		this.component = component;
		this.status = InitStatus.pending(component.name(), component.requiredForReadiness());
	}

	InitComponent component() {
		return this.component;
	}

	synchronized InitStatus status() {
		return this.status;
	}

	/**
	 * Returns the attempt in flight, or {@code null} after marking a new one as begun.
	 */
	synchronized CompletableFuture<InitStatus> joinOrBegin(CompletableFuture<InitStatus> attempt, Instant now) {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		cancelScheduledAttempt();
		this.inFlight = attempt;
		this.status = this.status.initializing(now);
		return null;
	}

	/**
	 * Records the end of the attempt in flight and, atomically with it, schedules the
	 * next one, so a retry that fires at once still finds the attempt finished.
	 */
	synchronized void finish(InitStatus status, Supplier<ScheduledFuture<?>> nextAttempt) {
		this.status = status;
		this.inFlight = null;
		cancelScheduledAttempt();
		this.scheduledAttempt = (nextAttempt != null) ? nextAttempt.get() : null;
	}

	private void cancelScheduledAttempt() {
		if (this.scheduledAttempt != null) {
			this.scheduledAttempt.cancel(false);
			this.scheduledAttempt = null;
		}
	}

}
