package io.hardening.storage;

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

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Serves a remote backend (GCS) and loses nothing when it fails: a write the remote
 * refuses, or does not answer within the write timeout, goes to a local spool and is
 * replayed by {@link #replayPending()} once the remote answers again. Reads and listings
 * see spooled records.
 * <p>
 * A failed call opens a simple circuit: until a replay round has reached the remote
 * again, writes go straight to the spool instead of waiting on a backend known to be
 * down.
 */
public class SpoolingExperimentStorage implements ExperimentStorage {

	private static final Log logger = LogFactory.getLog(SpoolingExperimentStorage.class);

	private final ExperimentBackend remote;

	private final Runnable remoteCheck;

	private final FilesystemExperimentStorage spool;

	private final BoundedCalls calls;

	private final Duration timeout;

	private final Clock clock;

	private final AtomicInteger pending = new AtomicInteger();

	private final Set<String> reportedConflicts = ConcurrentHashMap.newKeySet();

	private volatile boolean ready;

	private volatile boolean circuitOpen;

	private volatile String lastError;

	/**
	 * Creates a spooling storage.
	 * @param remote the remote backend
	 * @param remoteCheck a cheap call that throws when the remote does not answer (a
	 * bucket lookup)
	 * @param spool where records wait for the remote
	 * @param calls runs remote calls with a bounded wait
	 * @param timeout the longest wait on one remote call
	 * @param ready whether the remote has already answered (auto mode checked it); when
	 * {@code false} records go to the spool until {@link #checkRemote()} succeeds
	 */
	public SpoolingExperimentStorage(ExperimentBackend remote, Runnable remoteCheck, FilesystemExperimentStorage spool,
			BoundedCalls calls, Duration timeout, boolean ready) {
		this(remote, remoteCheck, spool, calls, timeout, ready, Clock.systemUTC());
	}

	SpoolingExperimentStorage(ExperimentBackend remote, Runnable remoteCheck, FilesystemExperimentStorage spool,
			BoundedCalls calls, Duration timeout, boolean ready, Clock clock) {
		this.remote = remote;
		this.remoteCheck = remoteCheck;
		this.spool = spool;
		this.calls = calls;
		this.timeout = timeout;
		this.ready = ready;
		this.clock = clock;
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		Instant storedAt = this.clock.instant();
		// No lock is held while GCS is called, so a slow GCS delays only its own
		// request; the spool's per-id lock and the does-not-exist precondition on GCS
		// keep the conflict rules.
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			// Same rules as the backends: identical is fine, different is a conflict.
			this.spool.store(id, result, metadata, spooled.get().storedAt());
			return this.remote.uriOf(id);
		}
		if (this.ready && !this.circuitOpen) {
			try {
				URI uri = this.calls.call("GCS write", this.timeout,
						() -> this.remote.store(id, result, metadata, storedAt));
				this.lastError = null;
				return uri;
			}
			catch (StorageUnavailableException ex) {
				remoteFailed("Write of '" + id + "' went to the spool", ex);
			}
		}
		this.spool.store(id, result, metadata, storedAt);
		this.pending.incrementAndGet();
		return this.remote.uriOf(id);
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			return Optional.of(spooled.get().withUri(this.remote.uriOf(id)));
		}
		if (this.circuitOpen) {
			throw new StorageUnavailableException("GCS is unavailable: " + this.lastError, null);
		}
		try {
			return this.calls.call("GCS read", this.timeout, () -> this.remote.get(id));
		}
		catch (StorageUnavailableException ex) {
			remoteFailed("Read of '" + id + "' failed", ex);
			throw ex;
		}
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		int wanted = offset + limit;
		Map<String, StoredExperiment> merged = new LinkedHashMap<>();
		for (StoredExperiment record : this.spool.list(wanted, 0)) {
			merged.put(record.id(), record.withUri(this.remote.uriOf(record.id())));
		}
		if (!this.circuitOpen) {
			try {
				for (StoredExperiment record : this.calls.call("GCS list", this.timeout,
						() -> this.remote.list(wanted, 0))) {
					merged.putIfAbsent(record.id(), record);
				}
			}
			catch (StorageUnavailableException ex) {
				// Serve what the spool has: the failure shows in health.
				remoteFailed("Listing served from the spool only", ex);
			}
		}
		List<StoredExperiment> all = new ArrayList<>(merged.values());
		all.sort(Comparator.comparing(StoredExperiment::storedAt).reversed().thenComparing(StoredExperiment::id));
		return all.subList(Math.min(offset, all.size()), Math.min(wanted, all.size()));
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		boolean spooled = this.spool.delete(id);
		if (spooled) {
			this.pending.decrementAndGet();
		}
		boolean remote = this.calls.call("GCS delete", this.timeout, () -> this.remote.delete(id));
		return spooled || remote;
	}

	/**
	 * Checks that the remote answers, bounded by the timeout; on success the storage is
	 * ready and the circuit closes.
	 * @throws StorageUnavailableException when it does not answer
	 */
	public void checkRemote() {
		try {
			this.calls.call("GCS check", this.timeout, () -> {
				this.remoteCheck.run();
				return null;
			});
		}
		catch (StorageUnavailableException ex) {
			remoteFailed("GCS check failed", ex);
			throw ex;
		}
		this.ready = true;
		this.circuitOpen = false;
	}

	/**
	 * Replays spooled records to the remote, oldest first, each at most once: a record
	 * leaves the spool only after the remote holds it. Stops at the first failure. Called
	 * in the background every {@code hardening.storage.replay-interval}.
	 * @return how many records were replayed
	 */
	public int replayPending() {
		List<String> ids = this.spool.idsOldestFirst();
		this.pending.set(ids.size());
		if (ids.isEmpty() && this.ready && !this.circuitOpen) {
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
			Optional<StoredExperiment> record = this.spool.get(id);
			if (record.isEmpty()) {
				continue;
			}
			StoredExperiment spooled = record.get();
			try {
				this.calls.call("GCS replay", this.timeout,
						() -> this.remote.store(id, spooled.result(), spooled.metadata(), spooled.storedAt()));
			}
			catch (ExperimentConflictException ex) {
				// Kept in the spool, where reads still see it, for a person to resolve.
				this.lastError = Sanitizer.sanitize("Cannot replay '" + id + "': " + ex.getMessage(), 500);
				if (this.reportedConflicts.add(id)) {
					// Once per record, not once per replay round.
					logger.error(this.lastError);
				}
				continue;
			}
			catch (StorageUnavailableException ex) {
				remoteFailed("Replay stopped at '" + id + "'", ex);
				break;
			}
			// Only after GCS holds the record does it leave the spool.
			this.spool.delete(id);
			replayed++;
		}
		this.pending.set(this.spool.idsOldestFirst().size());
		if (replayed > 0) {
			logger.info("Replayed %d spooled experiment(s) to GCS, %d pending".formatted(replayed, this.pending.get()));
		}
		return replayed;
	}

	/**
	 * Whether the remote has answered at least once.
	 * @return whether the storage is ready
	 */
	public boolean isReady() {
		return this.ready;
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
				this.ready, this.circuitOpen || !this.ready || pendingReplay > 0);
	}

	private void remoteFailed(String what, StorageUnavailableException ex) {
		boolean wasOpen = this.circuitOpen;
		this.circuitOpen = true;
		this.lastError = Sanitizer.sanitize(what + ": " + Sanitizer.describe(ex), 500);
		if (!wasOpen) {
			// Once per outage, not once per request.
			logger.warn(this.lastError);
		}
	}

}
