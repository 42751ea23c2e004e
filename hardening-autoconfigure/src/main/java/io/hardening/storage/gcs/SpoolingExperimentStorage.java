package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.ExperimentStorage;
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
 * record's replay and its delete hold the same per-id lock, so a delete never races a
 * replay into bringing the record back.
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

	private final StripedLocks locks = new StripedLocks();

	private final RemoteErrorLog errors = new RemoteErrorLog();

	private final AtomicInteger pending = new AtomicInteger();

	private final SpoolReplayer replayer;

	private final Clock clock;

	private volatile boolean ready;

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
		this.replayer = new SpoolReplayer(remote, remoteCheck, spool, this.locks, this.errors, this.pending, clock,
				permanentErrorBackOff);
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
				this.errors.answered();
				this.replayer.reset();
				return new StoreOutcome(uri, false);
			}
			catch (StorageUnavailableException ex) {
				this.errors.failed("Write of '" + id + "' went to the spool", ex);
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
		MergedPage merged = new MergedPage()
			.add(this.spool.list(wanted, 0).stream().map((record) -> record.withUri(uriOf(record.id()))).toList());
		String partialReason = null;
		try {
			merged.add(this.remote.list(wanted, 0));
		}
		catch (StorageUnavailableException ex) {
			// Serve what the spool has, and say so: never a silently short page.
			partialReason = Sanitizer
				.sanitize("GCS could not be listed, showing spooled records only: " + Sanitizer.describe(ex), 500);
		}
		return new ExperimentPage(List.copyOf(merged.page(limit, offset)), partialReason);
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return this.locks.locked(id, () -> {
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
		return this.replayer.replay(this.ready, delivered);
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
		int pendingReplay = Math.max(0, this.pending.get());
		return new StorageStatus(StorageStatus.GCS, remoteStatus.location(), null, pendingReplay,
				this.errors.lastError(), this.ready, remoteStatus.fallbackActive() || !this.ready || pendingReplay > 0,
				remoteStatus.permanentErrors());
	}

}
