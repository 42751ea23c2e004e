package io.hardening.storage.gcs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.PermanentStorageException;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Replays spooled records to GCS, oldest first, each at most once: a record leaves the
 * spool only after GCS holds it. A round stops at the first outage; after a permanent
 * error the next rounds wait with an exponential back-off.
 * <p>
 * A round checks the bucket, but never marks the storage ready: readiness has one owner
 * (see {@link SpoolingExperimentStorage#checkRemote()}).
 */
final class SpoolReplayer {

	private static final Log logger = LogFactory.getLog(SpoolingExperimentStorage.class);

	private final ExperimentBackend remote;

	private final Runnable remoteCheck;

	private final FilesystemExperimentStorage spool;

	private final IdLocks locks;

	private final RemoteErrorLog errors;

	private final SpooledIds inSpool;

	private final Clock clock;

	private final ExponentialBackOff permanentBackOff;

	private final Set<String> reportedConflicts = ConcurrentHashMap.newKeySet();

	private volatile BackOffExecution permanentBackOffExecution;

	private volatile Instant notBefore = Instant.MIN;

	SpoolReplayer(ExperimentBackend remote, Runnable remoteCheck, FilesystemExperimentStorage spool, IdLocks locks,
			RemoteErrorLog errors, SpooledIds inSpool, Clock clock, Duration permanentErrorBackOff) {
		this.remote = remote;
		this.remoteCheck = remoteCheck;
		this.spool = spool;
		this.locks = locks;
		this.errors = errors;
		this.inSpool = inSpool;
		this.clock = clock;
		this.permanentBackOff = new ExponentialBackOff(permanentErrorBackOff.toMillis(), 2.0);
		this.permanentBackOff
			.setMaxInterval(Math.max(permanentErrorBackOff.toMillis(), Duration.ofHours(1).toMillis()));
	}

	ReplayRound replay(boolean ready, BiConsumer<String, Instant> delivered) {
		List<String> ids = this.spool.idsOldestFirst();
		this.inSpool.reconcile(ids, this.locks, this.spool);
		if ((ids.isEmpty() && ready) || this.clock.instant().isBefore(this.notBefore)) {
			return ReplayRound.IDLE;
		}
		try {
			this.remoteCheck.run();
		}
		catch (RuntimeException ex) {
			this.errors.checkFailed(ex);
			return ReplayRound.IDLE;
		}
		int replayed = 0;
		for (String id : ids) {
			Outcome outcome = this.locks.locked(id, () -> replay(id, delivered));
			if (outcome == Outcome.STOP) {
				break;
			}
			if (outcome == Outcome.DELIVERED) {
				replayed++;
			}
		}
		if (replayed > 0) {
			logger
				.info("Replayed %d spooled experiment(s) to GCS, %d pending".formatted(replayed, this.inSpool.count()));
		}
		return new ReplayRound(true, replayed);
	}

	/**
	 * Forgets the permanent-error back-off: GCS took a write.
	 */
	void reset() {
		this.permanentBackOffExecution = null;
		this.notBefore = Instant.MIN;
	}

	private Outcome replay(String id, BiConsumer<String, Instant> delivered) {
		// Read under the lock: a delete that won the lock first has removed it.
		Optional<StoredExperiment> record = this.spool.get(id);
		if (record.isEmpty()) {
			return Outcome.SKIPPED;
		}
		StoredExperiment spooled = record.get();
		try {
			this.remote.store(id, spooled.result(), spooled.metadata(), spooled.storedAt());
		}
		catch (ExperimentConflictException ex) {
			// Kept in the spool, where reads still see it, for a person to resolve;
			// logged
			// once per record, not once per round.
			this.errors.error("Cannot replay '" + id + "': " + ex.getMessage(), this.reportedConflicts.add(id));
			return Outcome.SKIPPED;
		}
		catch (PermanentStorageException ex) {
			BackOffExecution execution = this.permanentBackOffExecution;
			if (execution == null) {
				execution = this.permanentBackOff.start();
				this.permanentBackOffExecution = execution;
			}
			long wait = execution.nextBackOff();
			this.notBefore = this.clock.instant().plusMillis(wait);
			this.errors.failed(
					"Replay stopped at '" + id + "', next attempt in " + Duration.ofMillis(wait).toSeconds() + "s", ex);
			return Outcome.STOP;
		}
		catch (StorageUnavailableException ex) {
			this.errors.failed("Replay stopped at '" + id + "'", ex);
			return Outcome.STOP;
		}
		// Only after GCS holds the record does it leave the spool; whoever reads
		// "spool, then what was delivered" finds it in one or the other at every moment.
		delivered.accept(id, spooled.storedAt());
		this.spool.delete(id);
		this.inSpool.left(id);
		this.errors.answered();
		reset();
		return Outcome.DELIVERED;
	}

	private enum Outcome {

		DELIVERED, SKIPPED, STOP

	}

}
