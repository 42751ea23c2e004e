package io.hardening.storage.gcs;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentIds;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import tools.jackson.databind.JsonNode;

/**
 * The filesystem fallback of auto mode, which also shows records a GCS spool still holds
 * (left by an earlier run that had GCS): reads and listings see them, a delete removes
 * them, new records go to the filesystem. The spool itself is left for replay.
 */
public class SpoolReadingFallbackStorage implements ExperimentStorage {

	private final FilesystemExperimentStorage filesystem;

	private final FilesystemExperimentStorage spool;

	private final Function<String, URI> spoolUri;

	/**
	 * Creates the storage.
	 * @param filesystem where records are stored
	 * @param spool the GCS spool, only read and deleted from
	 * @param spoolUri the {@code gs://} URI a spooled record will have
	 */
	public SpoolReadingFallbackStorage(FilesystemExperimentStorage filesystem, FilesystemExperimentStorage spool,
			Function<String, URI> spoolUri) {
		this.filesystem = filesystem;
		this.spool = spool;
		this.spoolUri = spoolUri;
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		Optional<StoredExperiment> spooled = this.spool.get(id);
		if (spooled.isPresent()) {
			if (!spooled.get().sameContent(result, metadata)) {
				throw new ExperimentConflictException(id);
			}
			return this.spoolUri.apply(id);
		}
		return this.filesystem.store(id, result, metadata);
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		Optional<StoredExperiment> stored = this.filesystem.get(id);
		return stored.isPresent() ? stored : this.spool.get(id).map((found) -> found.withUri(this.spoolUri.apply(id)));
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		int wanted = offset + limit;
		Map<String, StoredExperiment> merged = new LinkedHashMap<>();
		this.filesystem.list(wanted, 0).forEach((record) -> merged.put(record.id(), record));
		this.spool.list(wanted, 0)
			.forEach((record) -> merged.putIfAbsent(record.id(), record.withUri(this.spoolUri.apply(record.id()))));
		List<StoredExperiment> all = new ArrayList<>(merged.values());
		all.sort(Comparator.comparing(StoredExperiment::storedAt).reversed().thenComparing(StoredExperiment::id));
		return List.copyOf(all.subList(Math.min(offset, all.size()), Math.min(wanted, all.size())));
	}

	@Override
	public boolean delete(String id) {
		boolean stored = this.filesystem.delete(id);
		return this.spool.delete(id) || stored;
	}

	@Override
	public StorageStatus status() {
		return this.filesystem.status();
	}

}
