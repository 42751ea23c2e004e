package io.hardening.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;
import org.springframework.context.SmartLifecycle;

/**
 * Background work of the storage, started with the application: the auto-mode decision
 * and the replay of spooled records every {@code hardening.storage.replay-interval}.
 */
public class StorageReplayScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StorageReplayScheduler.class);

	private final ExperimentStorage storage;

	private final Duration interval;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Creates the scheduler.
	 * @param storage the storage, an {@link AutoSelectingExperimentStorage} or a
	 * {@link SpoolingExperimentStorage}; any other is left alone
	 * @param interval how often to replay
	 */
	public StorageReplayScheduler(ExperimentStorage storage, Duration interval) {
		this.storage = storage;
		this.interval = interval;
	}

	@Override
	public void start() {
		if (this.storage instanceof AutoSelectingExperimentStorage auto) {
			auto.decide();
		}
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(DaemonThreads.named("hardening-storage-replay-"));
		executor.scheduleWithFixedDelay(this::replay, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	void replay() {
		try {
			spooling().ifPresent(SpoolingExperimentStorage::replayPending);
		}
		catch (RuntimeException ex) {
			// A failed round must not end the schedule.
			logger.warn(LogMessage.format("Storage replay round failed: %s", Sanitizer.describe(ex)));
		}
	}

	private Optional<SpoolingExperimentStorage> spooling() {
		if (this.storage instanceof SpoolingExperimentStorage spooling) {
			return Optional.of(spooling);
		}
		if (this.storage instanceof AutoSelectingExperimentStorage auto) {
			return auto.chosenGcs();
		}
		return Optional.empty();
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
