package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.PermanentStorageException;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoreOutcome;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Serves a remote backend (GCS) and loses nothing when it fails: a write the remote
 * refuses, or does not answer in time, goes to a local spool and is replayed by
 * {@link #replayPending()} once the remote answers again. Reads and listings see spooled
 * records.
 * <p>
 * The remote bounds and guards its own calls (for GCS a Spring Cloud circuit breaker with
 * a time limiter, see {@code GcsCallGuard}): this class adds no wait of its own. A
 * record's replay and its delete hold the same per-id lock, so a delete never races a
 * replay into bringing the record back.
 */
public class SpoolingExperimentStorage implements ExperimentStorage {

	private static final Log logger = LogFactory.getLog(SpoolingExperimentStorage.class);

	private static final int LOCK_STRIPES = 64;

	private final ExperimentBackend remote;

	private final Runnable remoteCheck;

	private final FilesystemExperimentStorage spool;

	private final Clock clock;

	private final ExponentialBackOff permanentBackOff;

	private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

	private final AtomicInteger pending = new AtomicInteger();

	private final Set<String> reportedConflicts = ConcurrentHashMap.newKeySet();

	private volatile boolean ready;

	private volatile boolean outage;

	private volatile String lastError;

	private volatile BackOffExecution permanentBackOffExecution;

	private volatile Instant replayNotBefore = Instant.MIN;

	/**
	 * Creates a spooling storage.
	 * @param remote the remote backend, which bounds its own calls
	 * @param remoteCheck a cheap call that throws when the remote does not answer (a
	 * bucket lookup)
	 * @param spool where records wait for the remote
	 * @param ready whether the remote has already answered (auto mode checked it); when
	 * {@code false} records go to the spool until {@link #checkRemote()} succeeds
	 */
	public SpoolingExperimentStorage(ExperimentBackend remote, Runnable remoteCheck, FilesystemExperimentStorage spool,
			boolean ready) {
		this(remote, remoteCheck, spool, ready, Clock.systemUTC(), Duration.ofMinutes(1));
	}

	/**
	 * Creates a spooling storage with a clock and the first wait after a permanent error.
	 * @param remote the remote backend, which bounds its own calls
	 * @param remoteCheck a cheap call that throws when the remote does not answer
	 * @param spool where records wait for the remote
	 * @param ready whether the remote has already answered
	 * @param clock the clock
	 * @param permanentErrorBackOff how long replay waits after the remote refused a
	 * record with a permanent error; doubled on each further one, up to an hour
	 */
	public SpoolingExperimentStorage(ExperimentBackend remote, Runnable remoteCheck, FilesystemExperimentStorage spool,
			boolean ready, Clock clock, Duration permanentErrorBackOff) {
		this.remote = remote;
		this.remoteCheck = remoteCheck;
		this.spool = spool;
		this.ready = ready;
		this.clock = clock;
		this.permanentBackOff = new ExponentialBackOff(permanentErrorBackOff.toMillis(), 2.0);
		this.permanentBackOff
			.setMaxInterval(Math.max(permanentErrorBackOff.toMillis(), Duration.ofHours(1).toMillis()));
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		return storeRecord(id, result, metadata).uri();
	}

	@Override
	public StoreOutcome storeRecord(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		Instant storedAt = this.clock.instant();
		// No lock is held while GCS is called, so a slow GCS delays only its own
		// request; the spool's per-id lock and the does-not-exist preconditions on GCS
		// keep the conflict rules.
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			// Same rules as the backends: identical is fine, different is a conflict.
			this.spool.store(id, result, metadata, spooled.get().storedAt());
			return new StoreOutcome(this.remote.uriOf(id), true);
		}
		if (this.ready) {
			try {
				URI uri = this.remote.store(id, result, metadata, storedAt);
				remoteAnswered();
				return new StoreOutcome(uri, false);
			}
			catch (StorageUnavailableException ex) {
				remoteFailed("Write of '" + id + "' went to the spool", ex);
			}
		}
		this.spool.store(id, result, metadata, storedAt);
		this.pending.incrementAndGet();
		return new StoreOutcome(this.remote.uriOf(id), true);
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			return Optional.of(spooled.get().withUri(this.remote.uriOf(id)));
		}
		return this.remote.get(id);
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		return listPage(limit, offset).experiments();
	}

	@Override
	public ExperimentPage listPage(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		int wanted = offset + limit;
		Map<String, StoredExperiment> merged = new LinkedHashMap<>();
		for (StoredExperiment record : this.spool.list(wanted, 0)) {
			merged.put(record.id(), record.withUri(this.remote.uriOf(record.id())));
		}
		String partialReason = null;
		try {
			for (StoredExperiment record : this.remote.list(wanted, 0)) {
				merged.putIfAbsent(record.id(), record);
			}
		}
		catch (StorageUnavailableException ex) {
			// Serve what the spool has, and say so: never a silently short page.
			partialReason = Sanitizer
				.sanitize("GCS could not be listed, showing spooled records only: " + Sanitizer.describe(ex), 500);
		}
		List<StoredExperiment> all = new ArrayList<>(merged.values());
		all.sort(Comparator.comparing(StoredExperiment::storedAt).reversed().thenComparing(StoredExperiment::id));
		return new ExperimentPage(List.copyOf(all.subList(Math.min(offset, all.size()), Math.min(wanted, all.size()))),
				partialReason);
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return locked(id, () -> {
			boolean spooled = this.spool.delete(id);
			if (spooled) {
				this.pending.decrementAndGet();
			}
			try {
				return this.remote.delete(id) || spooled;
			}
			catch (StorageUnavailableException ex) {
				if (!spooled) {
					throw ex;
				}
				// The record lived in the spool, so GCS never held it: it is gone.
				this.lastError = Sanitizer
					.sanitize("Delete of spooled '" + id + "' could not reach GCS: " + Sanitizer.describe(ex), 500);
				return true;
			}
		});
	}

	/**
	 * Checks that the remote answers; on success the storage is ready. Logs nothing: the
	 * caller decides what a failure means (auto mode falls back and says so once).
	 * @throws StorageUnavailableException when it does not answer
	 */
	public void checkRemote() {
		try {
			this.remoteCheck.run();
		}
		catch (RuntimeException ex) {
			this.lastError = Sanitizer.sanitize("GCS check failed: " + Sanitizer.describe(ex), 500);
			throw (ex instanceof StorageUnavailableException unavailable) ? unavailable
					: new StorageUnavailableException(this.lastError, ex);
		}
		this.ready = true;
	}

	/**
	 * Replays spooled records to the remote, oldest first, each at most once: a record
	 * leaves the spool only after the remote holds it. Stops at the first failure; after
	 * a permanent error (the remote refused a record) waits with an exponential back-off
	 * before the next round tries again. Called in the background every
	 * {@code hardening.storage.replay-interval}.
	 * @return how many records were replayed
	 */
	public int replayPending() {
		List<String> ids = this.spool.idsOldestFirst();
		this.pending.set(ids.size());
		if (ids.isEmpty() && this.ready) {
			return 0;
		}
		if (this.clock.instant().isBefore(this.replayNotBefore)) {
			return 0;
		}
		try {
			checkRemote();
		}
		catch (StorageUnavailableException ex) {
			return 0;
		}
		int replayed = 0;
		for (String id : ids) {
			Replay outcome = locked(id, () -> replay(id));
			if (outcome == Replay.STOP) {
				break;
			}
			if (outcome == Replay.DELIVERED) {
				replayed++;
			}
		}
		this.pending.set(this.spool.idsOldestFirst().size());
		if (replayed > 0) {
			logger.info("Replayed %d spooled experiment(s) to GCS, %d pending".formatted(replayed, this.pending.get()));
		}
		return replayed;
	}

	private Replay replay(String id) {
		// Read under the lock: a delete that won the lock first has removed it.
		Optional<StoredExperiment> record = this.spool.get(id);
		if (record.isEmpty()) {
			return Replay.SKIPPED;
		}
		StoredExperiment spooled = record.get();
		try {
			this.remote.store(id, spooled.result(), spooled.metadata(), spooled.storedAt());
		}
		catch (ExperimentConflictException ex) {
			// Kept in the spool, where reads still see it, for a person to resolve.
			this.lastError = Sanitizer.sanitize("Cannot replay '" + id + "': " + ex.getMessage(), 500);
			if (this.reportedConflicts.add(id)) {
				// Once per record, not once per replay round.
				logger.error(this.lastError);
			}
			return Replay.SKIPPED;
		}
		catch (PermanentStorageException ex) {
			BackOffExecution execution = this.permanentBackOffExecution;
			if (execution == null) {
				execution = this.permanentBackOff.start();
				this.permanentBackOffExecution = execution;
			}
			long wait = execution.nextBackOff();
			this.replayNotBefore = this.clock.instant().plusMillis(wait);
			remoteFailed("Replay stopped at '" + id + "', next attempt in " + Duration.ofMillis(wait).toSeconds() + "s",
					ex);
			return Replay.STOP;
		}
		catch (StorageUnavailableException ex) {
			remoteFailed("Replay stopped at '" + id + "'", ex);
			return Replay.STOP;
		}
		// Only after GCS holds the record does it leave the spool.
		this.spool.delete(id);
		remoteAnswered();
		return Replay.DELIVERED;
	}

	private <T> T locked(String id, Supplier<T> action) {
		ReentrantLock lock = this.locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Whether the remote has answered at least once.
	 * @return whether the storage is ready
	 */
	public boolean isReady() {
		return this.ready;
	}

	/**
	 * Returns where a record lives (or will live once replayed), without I/O.
	 * @param id a valid experiment id
	 * @return the URI
	 */
	public URI uriOf(String id) {
		return this.remote.uriOf(id);
	}

	/**
	 * Returns the spool.
	 * @return the spool
	 */
	public FilesystemExperimentStorage getSpool() {
		return this.spool;
	}

	@Override
	public StorageStatus status() {
		StorageStatus remoteStatus = this.remote.status();
		int pendingReplay = Math.max(0, this.pending.get());
		return new StorageStatus(StorageStatus.GCS, remoteStatus.location(), null, pendingReplay, this.lastError,
				this.ready, remoteStatus.fallbackActive() || !this.ready || pendingReplay > 0,
				remoteStatus.permanentErrors());
	}

	private void remoteAnswered() {
		this.outage = false;
		this.lastError = null;
		this.permanentBackOffExecution = null;
		this.replayNotBefore = Instant.MIN;
	}

	private void remoteFailed(String what, StorageUnavailableException ex) {
		boolean wasFailing = this.outage;
		this.outage = true;
		this.lastError = Sanitizer.sanitize(what + ": " + Sanitizer.describe(ex), 500);
		if (!wasFailing) {
			// Once per outage, not once per request.
			logger.warn(this.lastError);
		}
	}

	private enum Replay {

		DELIVERED, SKIPPED, STOP

	}

}
