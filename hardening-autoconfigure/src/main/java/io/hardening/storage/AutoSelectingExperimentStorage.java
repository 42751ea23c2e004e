package io.hardening.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.ReplayRound;
import io.hardening.storage.gcs.SpoolReadingFallbackStorage;
import io.hardening.storage.gcs.SpoolingExperimentStorage;
import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Auto mode: GCS when the bucket answers within the startup timeout, else the filesystem,
 * decided once. The decision starts in the background with {@link #decide()} (at
 * application start) or on first use, and never takes longer than the startup timeout: a
 * bucket check still running then is abandoned and the filesystem serves.
 */
public class AutoSelectingExperimentStorage implements ExperimentStorage {

	private static final Log logger = LogFactory.getLog(AutoSelectingExperimentStorage.class);

	private static final ThreadFactory DECISION_THREADS = DaemonThreads.named("hardening-storage-decision-");

	private final Supplier<SpoolingExperimentStorage> gcs;

	private final FilesystemExperimentStorage filesystem;

	private final String noGcsReason;

	private final Duration startupTimeout;

	private volatile CompletableFuture<Choice> decision;

	/**
	 * Creates the selecting storage.
	 * @param gcs creates the GCS storage, or {@code null} when no bucket is configured or
	 * the client is missing
	 * @param filesystem the filesystem storage
	 * @param noGcsReason why GCS cannot be used when {@code gcs} is {@code null}
	 * @param startupTimeout how long the bucket check may take
	 */
	public AutoSelectingExperimentStorage(Supplier<SpoolingExperimentStorage> gcs,
			FilesystemExperimentStorage filesystem, String noGcsReason, Duration startupTimeout) {
		this.gcs = gcs;
		this.filesystem = filesystem;
		this.noGcsReason = noGcsReason;
		this.startupTimeout = startupTimeout;
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
		return CompletableFuture.supplyAsync(() -> {
			SpoolingExperimentStorage storage = this.gcs.get();
			storage.checkRemote();
			return new Choice(storage, null, storage::replayRound);
		}, (runnable) -> DECISION_THREADS.newThread(runnable).start())
			.orTimeout(this.startupTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.exceptionally((ex) -> fallback(describe(ex)));
	}

	private String describe(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException) {
			return "bucket did not answer within hardening.storage.gcs.startup-timeout ("
					+ this.startupTimeout.toMillis() + "ms)";
		}
		return "bucket not reachable: " + Sanitizer.describe(cause);
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
		return decide().join().storage();
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

}
