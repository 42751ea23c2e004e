package io.hardening.storage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.ReplayRound;
import io.hardening.storage.gcs.SpoolReadingFallbackStorage;
import io.hardening.storage.gcs.SpoolingExperimentStorage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

/**
 * Auto mode: GCS when the bucket answers within the startup timeout, else the filesystem,
 * decided once. The decision starts in the background with {@link #decide()} (at
 * application start) or on first use, on the scheduler of the storage's background work,
 * and never takes longer than the startup timeout: a bucket check still running then is
 * interrupted and the filesystem serves.
 */
public class AutoSelectingExperimentStorage implements ExperimentStorage {

	private static final Log logger = LogFactory.getLog(AutoSelectingExperimentStorage.class);

	private static final String SHUTTING_DOWN = "the application is shutting down; the bucket was not checked";

	private static final long DECISION_GRACE_MILLIS = 1000;

	private final Supplier<SpoolingExperimentStorage> gcs;

	private final FilesystemExperimentStorage filesystem;

	private final String noGcsReason;

	private final Duration startupTimeout;

	private final TaskScheduler scheduler;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile CompletableFuture<Choice> decision;

	/**
	 * Creates the selecting storage.
	 * @param gcs creates the GCS storage, or {@code null} when no bucket is configured or
	 * the client is missing
	 * @param filesystem the filesystem storage
	 * @param noGcsReason why GCS cannot be used when {@code gcs} is {@code null}
	 * @param startupTimeout how long the bucket check may take
	 * @param scheduler runs the bucket check and its timeout: the scheduler of the
	 * storage's {@link StorageBackgroundWork}
	 */
	public AutoSelectingExperimentStorage(Supplier<SpoolingExperimentStorage> gcs,
			FilesystemExperimentStorage filesystem, String noGcsReason, Duration startupTimeout,
			TaskScheduler scheduler) {
		this.gcs = gcs;
		this.filesystem = filesystem;
		this.noGcsReason = noGcsReason;
		this.startupTimeout = startupTimeout;
		this.scheduler = scheduler;
	}

	/**
	 * Starts the decision in the background if it has not started yet.
	 * @return the decision
	 */
	public CompletableFuture<Choice> decide() {
		CompletableFuture<Choice> current = this.decision;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.decision == null) {
				this.decision = startDecision();
			}
			return this.decision;
		}
	}

	private CompletableFuture<Choice> startDecision() {
		if (this.gcs == null) {
			return CompletableFuture.completedFuture(fallback(this.noGcsReason));
		}
		CompletableFuture<Choice> decision = new CompletableFuture<>();
		try {
			Instant now = this.scheduler.getClock().instant();
			ScheduledFuture<?> check = this.scheduler.schedule(() -> {
				Checked checked = checkGcs();
				settle(decision,
						() -> (checked.failure() == null)
								? new Choice(checked.storage(), null, checked.storage()::replayRound)
								: fallback(checked.failure()));
			}, now);
			this.scheduler.schedule(() -> {
				if (settle(decision, () -> fallback(timedOut()))) {
					// Frees the thread of a check that hangs on a silent host.
					check.cancel(true);
				}
			}, now.plus(this.startupTimeout));
		}
		catch (TaskRejectedException ex) {
			settle(decision, () -> fallback(SHUTTING_DOWN));
		}
		return decision;
	}

	/**
	 * Completes the decision unless the check or the timeout already did: exactly one of
	 * them decides, and logs.
	 */
	private boolean settle(CompletableFuture<Choice> decision, Supplier<Choice> choice) {
		if (!this.settled.compareAndSet(false, true)) {
			return false;
		}
		decision.complete(choice.get());
		return true;
	}

	private String timedOut() {
		return "bucket did not answer within hardening.storage.gcs.startup-timeout (" + this.startupTimeout.toMillis()
				+ "ms)";
	}

	private Checked checkGcs() {
		try {
			SpoolingExperimentStorage storage = this.gcs.get();
			storage.checkRemote();
			return new Checked(storage, null);
		}
		catch (RuntimeException ex) {
			return new Checked(null, "bucket not reachable: " + Sanitizer.describe(ex));
		}
	}

	private Choice fallback(String reason) {
		String sanitized = Sanitizer.sanitize(reason, 500);
		logger.warn("Storage falls back to the filesystem at %s: %s".formatted(this.filesystem.getRoot(), sanitized));
		if (this.gcs == null) {
			return new Choice(this.filesystem, sanitized, this::checkFilesystem);
		}
		// Records an earlier run spooled for GCS stay readable while the filesystem
		// serves, and are replayed once the bucket answers.
		try {
			SpoolingExperimentStorage spooling = this.gcs.get();
			SpoolReadingFallbackStorage fallback = new SpoolReadingFallbackStorage(this.filesystem, spooling);
			return new Choice(fallback, sanitized, fallback::replayRound);
		}
		catch (RuntimeException ex) {
			// The GCS storage could not even be created: there is no spool to read.
			return new Choice(this.filesystem, sanitized, this::checkFilesystem);
		}
	}

	private ReplayRound checkFilesystem() {
		this.filesystem.checkWritable();
		return ReplayRound.IDLE;
	}

	/**
	 * Returns the chosen storage, waiting for the decision at most the startup timeout.
	 * @return the storage
	 */
	public ExperimentStorage delegate() {
		CompletableFuture<Choice> current = decide();
		try {
			return current.get(this.startupTimeout.toMillis() + DECISION_GRACE_MILLIS, TimeUnit.MILLISECONDS).storage();
		}
		catch (TimeoutException ex) {
			// Only when the scheduler dropped the decision's tasks: the application is
			// shutting down.
			settle(current, () -> fallback(SHUTTING_DOWN));
			return current.join().storage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageUnavailableException("Interrupted while the storage was being chosen", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The storage decision failed", ex.getCause());
		}
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		return delegate().store(id, result, metadata);
	}

	@Override
	public StoreOutcome storeRecord(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		return delegate().storeRecord(id, result, metadata);
	}

	@Override
	public ExperimentPage listPage(int limit, int offset) {
		return delegate().listPage(limit, offset);
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		return delegate().get(id);
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		return delegate().list(limit, offset);
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		return delegate().delete(id);
	}

	/**
	 * Runs one replay round of the GCS spool: of the GCS storage when it was chosen, or,
	 * while the filesystem serves, of what an earlier run left in the spool. Does nothing
	 * while undecided or without GCS.
	 * @return what the round did
	 */
	public ReplayRound replayRound() {
		CompletableFuture<Choice> current = this.decision;
		if (current == null || !current.isDone()) {
			return ReplayRound.IDLE;
		}
		return current.join().replay().get();
	}

	@Override
	public StorageStatus status() {
		CompletableFuture<Choice> current = this.decision;
		if (current == null || !current.isDone()) {
			return new StorageStatus(StorageStatus.DECIDING, null, null, 0, null, true, false);
		}
		Choice choice = current.join();
		StorageStatus status = choice.storage().status();
		return (choice.fallbackReason() != null) ? status.withFallbackReason(choice.fallbackReason()) : status;
	}

	/**
	 * The outcome of the decision.
	 *
	 * @param storage the storage that serves
	 * @param fallbackReason why the filesystem serves, or {@code null} for GCS
	 * @param replay runs one replay round of the GCS spool, if there is one
	 */
	public record Choice(ExperimentStorage storage, String fallbackReason, Supplier<ReplayRound> replay) {

	}

	private record Checked(SpoolingExperimentStorage storage, String failure) {

	}

}
