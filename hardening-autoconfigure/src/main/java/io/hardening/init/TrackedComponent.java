package io.hardening.init;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Mutable state of one component inside the tracker. Every access is synchronized on the
 * instance.
 * <p>
 * The component has at most one worker thread alive at a time: an attempt that timed out
 * but ignored its interrupt keeps its thread, and no new attempt starts until that thread
 * has returned.
 */
final class TrackedComponent {

	private final InitComponent component;

	private InitStatus status;

	private CompletableFuture<InitStatus> inFlight;

	private ScheduledFuture<?> scheduledAttempt;

	private Thread worker;

	private boolean attemptWhenWorkerEnds;

	private BackOffExecution backOff;

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
	 * Returns the attempt in flight; or, while the thread of an earlier attempt is still
	 * alive, the current status after noting that an attempt is wanted when it ends; or
	 * {@code null} after marking a new attempt as begun.
	 */
	synchronized CompletableFuture<InitStatus> joinOrBegin(CompletableFuture<InitStatus> attempt, Instant now) {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		cancelScheduledAttempt();
		if (this.worker != null) {
			this.attemptWhenWorkerEnds = true;
			this.status = this.status.waitingForAttempt();
			return CompletableFuture.completedFuture(this.status);
		}
		this.inFlight = attempt;
		this.status = this.status.initializing(now);
		return null;
	}

	synchronized void workerStarted(Thread worker) {
		this.worker = worker;
	}

	synchronized boolean isWorkerRunning() {
		return this.worker != null;
	}

	/**
	 * Records that the worker thread has returned.
	 * @param worker the thread
	 * @param error the last error to show now that the attempt no longer runs
	 * @return whether an attempt was asked for while it ran
	 */
	synchronized boolean workerEnded(Thread worker, String error) {
		if (this.worker != worker) {
			return false;
		}
		this.worker = null;
		if (this.status.attemptStillRunning()) {
			this.status = this.status.attemptEnded(error);
		}
		boolean attempt = this.attemptWhenWorkerEnds;
		this.attemptWhenWorkerEnds = false;
		return attempt;
	}

	synchronized void interruptWorker() {
		if (this.worker != null) {
			this.worker.interrupt();
		}
	}

	/**
	 * Next delay of the current series of failures, started on the first failure after a
	 * success.
	 */
	synchronized long nextBackOff(BackOff policy) {
		if (this.backOff == null) {
			this.backOff = policy.start();
		}
		return this.backOff.nextBackOff();
	}

	/**
	 * Records the end of the attempt in flight and, atomically with it, schedules the
	 * next one, so a retry that fires at once still finds the attempt finished.
	 * @param status the new status
	 * @param endedError the last error to show instead when the status says the attempt
	 * still runs but its thread has already returned
	 * @param nextAttempt schedules the next attempt, or {@code null}
	 */
	synchronized void finish(InitStatus status, String endedError, Supplier<ScheduledFuture<?>> nextAttempt) {
		this.status = (status.attemptStillRunning() && this.worker == null) ? status.attemptEnded(endedError) : status;
		this.inFlight = null;
		if (status.initialized()) {
			this.backOff = null;
		}
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
