package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.RecordPages;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoreOutcome;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.support.Sanitizer;
import tools.jackson.databind.JsonNode;

/**
 * Serves a remote backend (GCS) and loses nothing when it fails: a write the remote
 * refuses, or does not answer in time, goes to a local spool and is replayed by
 * {@link #replayRound()} once the remote answers again. Reads and listings see spooled
 * records.
 * <p>
 * The remote bounds and guards its own calls (for GCS a Spring Cloud circuit breaker with
 * a time limiter, see {@code GcsCallGuard}): this class adds no wait of its own. A
 * record's store, replay and delete hold the same per-id lock ({@link IdLocks}): a store
 * sees what this instance spooled for its id before GCS is asked, a replay never empties
 * the spool under a store that has just looked, and a delete never races a replay into
 * bringing the record back. Between instances GCS's preconditions decide; a record one
 * instance spooled while another stored different content under its id in GCS stays in
 * the spool, shown in health, for a person to resolve.
 * <p>
 * The storage is DOWN while writes cannot succeed anywhere (GCS failing and the spool
 * unwritable), and UP again after the next write that succeeds, or once a replay round
 * finds GCS answering or the spool writable.
 * <p>
 * Whether the storage is ready (writes go to GCS rather than straight to the spool) has
 * one writer, {@link #checkRemote()}, called only by the owner of readiness: the
 * {@code storage} init component in gcs mode, the start-up decision in auto mode.
 */
public class SpoolingExperimentStorage implements ExperimentStorage {

	private static final BiConsumer<String, Instant> NO_LISTENER = (id, storedAt) -> {
	};

	private final ExperimentBackend remote;

	private final Runnable remoteCheck;

	private final FilesystemExperimentStorage spool;

	private final IdLocks locks = new IdLocks();

	private final RemoteErrorLog errors = new RemoteErrorLog();

	private final SpooledIds inSpool = new SpooledIds();

	private final SpoolReplayer replayer;

	private final Clock clock;

	private volatile boolean ready;

	private volatile boolean writesFailing;

	/**
	 * Creates a spooling storage.
	 * @param remote the remote backend, which bounds its own calls
	 * @param remoteCheck a cheap call that throws when the remote does not answer (a
	 * bucket lookup)
	 * @param spool where records wait for the remote
	 * @param ready whether the remote has already answered; when {@code false} records go
	 * to the spool until {@link #checkRemote()} succeeds
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
		this.replayer = new SpoolReplayer(remote, remoteCheck, spool, this.locks, this.errors, this.inSpool, clock,
				permanentErrorBackOff);
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		return storeRecord(id, result, metadata).uri();
	}

	@Override
	public StoreOutcome storeRecord(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		// Under the id's lock the spool and GCS answer as one store: a record this
		// instance spooled is seen before GCS is asked, and no replay delivers or removes
		// it in between.
		return this.locks.locked(id, () -> storeLocked(id, result, metadata));
	}

	private StoreOutcome storeLocked(String id, JsonNode result, JsonNode metadata) {
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			// Same rules as the backends: identical is fine, different is a conflict.
			if (!spooled.get().sameContent(result, metadata)) {
				throw new ExperimentConflictException(id);
			}
			return new StoreOutcome(this.remote.uriOf(id), true);
		}
		Instant storedAt = this.clock.instant();
		StorageUnavailableException remoteFailure = null;
		if (this.ready) {
			try {
				URI uri = this.remote.store(id, result, metadata, storedAt);
				wrote();
				this.errors.answered();
				this.replayer.reset();
				return new StoreOutcome(uri, false);
			}
			catch (StorageUnavailableException ex) {
				remoteFailure = ex;
			}
		}
		try {
			this.spool.store(id, result, metadata, storedAt);
		}
		catch (StorageUnavailableException ex) {
			this.writesFailing = true;
			this.errors.error("Write of '" + id + "' failed: "
					+ ((remoteFailure != null) ? "GCS: " + Sanitizer.describe(remoteFailure) : "GCS not ready")
					+ "; spool: " + Sanitizer.describe(ex), true);
			throw ex;
		}
		wrote();
		this.inSpool.spooled(id);
		if (remoteFailure != null) {
			this.errors.failed("Write of '" + id + "' went to the spool", remoteFailure);
		}
		return new StoreOutcome(this.remote.uriOf(id), true);
	}

	private void wrote() {
		this.writesFailing = false;
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
		SpooledAndRemote sources = new SpooledAndRemote(this.spool, this.remote);
		List<StoredExperiment> page = RecordPages.page(sources::newest, sources::read, limit, offset);
		return new ExperimentPage(page, sources.partialReason());
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return this.locks.locked(id, () -> {
			boolean spooled = this.spool.delete(id);
			if (spooled) {
				this.inSpool.left(id);
			}
			try {
				return this.remote.delete(id) || spooled;
			}
			catch (StorageUnavailableException ex) {
				if (!spooled) {
					throw ex;
				}
				// The record lived in the spool, so GCS never held it: it is gone.
				this.errors.error("Delete of spooled '" + id + "' could not reach GCS: " + Sanitizer.describe(ex),
						false);
				return true;
			}
		});
	}

	/**
	 * Checks that the remote answers and, when it does, marks the storage ready. This is
	 * the only writer of readiness: only its owner calls it (the {@code storage} init
	 * component in gcs mode, the start-up decision in auto mode). Logs nothing: the
	 * caller decides what a failure means.
	 * @throws StorageUnavailableException when it does not answer
	 */
	public void checkRemote() {
		try {
			this.remoteCheck.run();
		}
		catch (RuntimeException ex) {
			throw this.errors.checkFailed(ex);
		}
		this.ready = true;
	}

	/**
	 * Runs one replay round: checks the bucket and replays spooled records oldest first,
	 * each at most once. Called in the background every
	 * {@code hardening.storage.replay-interval}. It never marks the storage ready; its
	 * caller may tell the owner of readiness that GCS answered.
	 * @return what the round did
	 */
	public ReplayRound replayRound() {
		return replayRound(NO_LISTENER);
	}

	/**
	 * Runs one replay round and reports each record GCS now holds.
	 * @param delivered told the id and stored time of each record replayed
	 * @return what the round did
	 */
	public ReplayRound replayRound(BiConsumer<String, Instant> delivered) {
		ReplayRound round = this.replayer.replay(this.ready, delivered);
		if (this.writesFailing) {
			// Readiness keeps writes away while they fail: find out here whether one
			// would succeed again, through GCS or the spool.
			this.spool.checkWritable();
			if (round.remoteAnswered() || !this.spool.writesFailing()) {
				wrote();
			}
		}
		return round;
	}

	/**
	 * Runs one replay round, see {@link #replayRound()}.
	 * @return how many records were replayed
	 */
	public int replayPending() {
		return replayRound().delivered();
	}

	/**
	 * Whether the owner of readiness has seen the remote answer at least once.
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
		int pendingReplay = this.inSpool.count();
		return new StorageStatus(StorageStatus.GCS, remoteStatus.location(), null, pendingReplay,
				this.errors.lastError(), this.ready && !this.writesFailing,
				remoteStatus.fallbackActive() || !this.ready || pendingReplay > 0, remoteStatus.permanentErrors());
	}

}
