package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.support.Sanitizer;
import tools.jackson.databind.JsonNode;

/**
 * The filesystem fallback of auto mode when a GCS storage exists: new records go to the
 * filesystem, and records a GCS spool still holds (left by an earlier run that had GCS)
 * stay visible. {@link #replayRound()} replays them to GCS once the bucket answers; the
 * ones replayed by this run stay readable (from GCS) and deletable.
 */
public class SpoolReadingFallbackStorage implements ExperimentStorage {

	private final FilesystemExperimentStorage filesystem;

	private final SpoolingExperimentStorage gcs;

	private final Map<String, Instant> replayed = new ConcurrentHashMap<>();

	/**
	 * Creates the storage.
	 * @param filesystem where records are stored
	 * @param gcs the GCS storage whose spool is read and replayed; never written to
	 */
	public SpoolReadingFallbackStorage(FilesystemExperimentStorage filesystem, SpoolingExperimentStorage gcs) {
		this.filesystem = filesystem;
		this.gcs = gcs;
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		ExperimentIds.validate(id);
		Optional<StoredExperiment> inGcs = gcsRecord(id);
		if (inGcs.isPresent()) {
			// The id is taken by a record bound for (or now in) GCS: the usual rules.
			if (!inGcs.get().sameContent(result, metadata)) {
				throw new ExperimentConflictException(id);
			}
			return this.gcs.uriOf(id);
		}
		return this.filesystem.store(id, result, metadata);
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		ExperimentIds.validate(id);
		Optional<StoredExperiment> stored = this.filesystem.get(id);
		return stored.isPresent() ? stored : gcsRecord(id);
	}

	private Optional<StoredExperiment> gcsRecord(String id) {
		Optional<StoredExperiment> spooled = this.gcs.getSpool().get(id);
		if (spooled.isPresent()) {
			return Optional.of(spooled.get().withUri(this.gcs.uriOf(id)));
		}
		// Replayed by this run: GCS holds it now (a GCS read, bounded by its breaker).
		return this.replayed.containsKey(id) ? this.gcs.get(id) : Optional.empty();
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		return listPage(limit, offset).experiments();
	}

	@Override
	public ExperimentPage listPage(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		int wanted = offset + limit;
		MergedPage merged = new MergedPage().add(this.filesystem.list(wanted, 0))
			.add(this.gcs.getSpool().list(wanted, 0).stream().map((record) -> record.withUri(uri(record))).toList());
		// Records replayed by this run take their place by stored time; only those that
		// land on the page are read from GCS.
		List<StoredExperiment> placeholders = new ArrayList<>();
		this.replayed.forEach(
				(id, storedAt) -> placeholders.add(new StoredExperiment(id, null, null, this.gcs.uriOf(id), storedAt)));
		merged.add(placeholders);
		List<StoredExperiment> page = new ArrayList<>();
		String partialReason = null;
		for (StoredExperiment record : merged.page(limit, offset)) {
			if (record.result() != null) {
				page.add(record);
				continue;
			}
			try {
				this.gcs.get(record.id()).ifPresent(page::add);
			}
			catch (StorageUnavailableException ex) {
				partialReason = Sanitizer.sanitize(
						"GCS could not be read, records replayed there are missing: " + Sanitizer.describe(ex), 500);
			}
		}
		return new ExperimentPage(List.copyOf(page), partialReason);
	}

	private URI uri(StoredExperiment record) {
		return this.gcs.uriOf(record.id());
	}

	@Override
	public boolean delete(String id) {
		ExperimentIds.validate(id);
		boolean stored = this.filesystem.delete(id);
		if (this.replayed.containsKey(id) || this.gcs.getSpool().get(id).isPresent()) {
			// Under the replay's lock: a delete never races a replay into GCS.
			stored = this.gcs.delete(id) || stored;
			this.replayed.remove(id);
		}
		return stored;
	}

	/**
	 * Replays what an earlier run left in the spool, once GCS answers, and checks whether
	 * failing filesystem writes would succeed again. Asks nothing of GCS while the spool
	 * is empty.
	 * @return what the round did
	 */
	public ReplayRound replayRound() {
		this.filesystem.checkWritable();
		if (this.gcs.getSpool().idsOldestFirst().isEmpty()) {
			return ReplayRound.IDLE;
		}
		return this.gcs.replayRound(this.replayed::put);
	}

	@Override
	public StorageStatus status() {
		StorageStatus local = this.filesystem.status();
		StorageStatus spool = this.gcs.status();
		return new StorageStatus(local.backend(), local.location(), null, spool.pendingReplay(),
				(local.lastError() == null && spool.pendingReplay() > 0) ? spool.lastError() : local.lastError(),
				local.ready(), true, spool.permanentErrors());
	}

}
