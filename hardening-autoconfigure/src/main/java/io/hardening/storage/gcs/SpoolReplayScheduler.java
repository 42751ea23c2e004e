package io.hardening.storage.gcs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.storage.ExperimentStorage;
import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Background work of the GCS storage, started with the application: a start action (the
 * auto-mode decision) and the replay of spooled records every
 * {@code hardening.storage.replay-interval}.
 * <p>
 * The configuration that builds the storage hands over what to replay and whom to tell
 * when GCS answers; this class never looks at the {@link ExperimentStorage} bean, which a
 * user may have decorated or replaced.
 */
public class SpoolReplayScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SpoolReplayScheduler.class);

	private static final int MAX_FINAL_ROUND_SECONDS = 10;

	private final Supplier<Optional<SpoolingExperimentStorage>> replayTarget;

	private final Duration interval;

	private final Runnable startAction;

	private final Runnable remoteReady;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Creates a scheduler that replays one storage and does nothing else.
	 * @param storage the storage whose spool is replayed
	 * @param interval how often to replay
	 */
	public SpoolReplayScheduler(SpoolingExperimentStorage storage, Duration interval) {
		this(() -> Optional.of(storage), interval, () -> {
		}, () -> {
		});
	}

	/**
	 * Creates the scheduler.
	 * @param replayTarget the storage to replay each round, empty to skip the round (auto
	 * mode while the filesystem serves or nothing is decided)
	 * @param interval how often to replay
	 * @param startAction run once when the application starts, before the first round
	 * @param remoteReady run after each round in which the storage is ready (GCS has
	 * answered); gcs mode asks the init tracker to retry the {@code storage} component
	 * now
	 */
	public SpoolReplayScheduler(Supplier<Optional<SpoolingExperimentStorage>> replayTarget, Duration interval,
			Runnable startAction, Runnable remoteReady) {
		this.replayTarget = replayTarget;
		this.interval = interval;
		this.startAction = startAction;
		this.remoteReady = remoteReady;
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
			this.replayTarget.get().ifPresent((storage) -> {
				storage.replayPending();
				if (storage.isReady()) {
					this.remoteReady.run();
				}
			});
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
