package io.hardening.storage.gcs;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Background work of the GCS storage, started with the application: a start action (the
 * auto-mode decision) and a replay round of the spool every
 * {@code hardening.storage.replay-interval}.
 * <p>
 * The configuration that builds the storage hands over what a round is and whom to tell
 * when GCS answers; this class never looks at the {@code ExperimentStorage} bean, which a
 * user may have decorated or replaced, and never decides readiness itself.
 */
public class SpoolReplayScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SpoolReplayScheduler.class);

	private static final int MAX_FINAL_ROUND_SECONDS = 10;

	private final Supplier<ReplayRound> round;

	private final Duration interval;

	private final Runnable startAction;

	private final Runnable remoteAnswered;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Creates a scheduler that replays one storage and does nothing else.
	 * @param storage the storage whose spool is replayed
	 * @param interval how often to replay
	 */
	public SpoolReplayScheduler(SpoolingExperimentStorage storage, Duration interval) {
		this(storage::replayRound, interval, () -> {
		}, () -> {
		});
	}

	/**
	 * Creates the scheduler.
	 * @param round runs one replay round (auto mode: a round of whatever the decision
	 * chose, nothing while undecided)
	 * @param interval how often to replay
	 * @param startAction run once when the application starts, before the first round
	 * @param remoteAnswered run after each round in which GCS answered the bucket check;
	 * gcs mode asks the owner of readiness, the {@code storage} init component, to check
	 * now
	 */
	public SpoolReplayScheduler(Supplier<ReplayRound> round, Duration interval, Runnable startAction,
			Runnable remoteAnswered) {
		this.round = round;
		this.interval = interval;
		this.startAction = startAction;
		this.remoteAnswered = remoteAnswered;
	}

	@Override
	public void start() {
		this.startAction.run();
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(DaemonThreads.named("hardening-storage-replay-"));
		executor.scheduleWithFixedDelay(this::replay, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	void replay() {
		try {
			if (this.round.get().remoteAnswered()) {
				this.remoteAnswered.run();
			}
		}
		catch (RuntimeException ex) {
			// A failed round must not end the schedule.
			logger.warn(LogMessage.format("Storage replay round failed: %s", Sanitizer.describe(ex)));
		}
	}

	/**
	 * Stops the schedule, then gives what is still spooled (the run records of streams
	 * that the shutdown ended among them) one last replay round, bounded by the replay
	 * interval and at most {@value #MAX_FINAL_ROUND_SECONDS} seconds.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor == null) {
			return;
		}
		this.scheduler = null;
		executor.shutdownNow();
		ExecutorService last = Executors.newSingleThreadExecutor(DaemonThreads.named("hardening-storage-last-replay-"));
		Future<?> round = last.submit(this::replay);
		try {
			round.get(Math.min(this.interval.toMillis(), MAX_FINAL_ROUND_SECONDS * 1000L), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("The last storage replay round did not finish in time; spooled records stay spooled "
					+ "and are replayed at the next start");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn(LogMessage.format("The last storage replay round failed: %s", Sanitizer.describe(ex)));
		}
		finally {
			last.shutdownNow();
		}
	}

	/**
	 * Stops after the reasoning runs ended their streams and saved their records, and
	 * before the web server's graceful shutdown.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 768;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
