package io.hardening.storage.gcs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hardening.storage.ExperimentBackend;
import io.hardening.storage.RecordRef;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.support.Sanitizer;

/**
 * One listing page of the spooling storage: the spool's references and the remote's,
 * merged newest first (the spool wins an id both hold), each record read from where it
 * lives; a remote that cannot be listed leaves a partial page that says why.
 */
final class SpooledAndRemote {

	private final FilesystemExperimentStorage spool;

	private final ExperimentBackend remote;

	private final Set<String> spooledIds = new HashSet<>();

	private String partialReason;

	SpooledAndRemote(FilesystemExperimentStorage spool, ExperimentBackend remote) {
		this.spool = spool;
		this.remote = remote;
	}

	List<RecordRef> newest(int count) {
		List<RecordRef> spooled = this.spool.newest(count);
		spooled.forEach((ref) -> this.spooledIds.add(ref.id()));
		List<RecordRef> remote = List.of();
		try {
			remote = this.remote.newest(count);
		}
		catch (StorageUnavailableException ex) {
			this.partialReason = partial(ex);
		}
		List<RecordRef> merged = new ArrayList<>(spooled.size() + remote.size());
		merged.addAll(spooled);
		remote.stream().filter((ref) -> !this.spooledIds.contains(ref.id())).forEach(merged::add);
		merged.sort(Comparator.comparing(RecordRef::storedAt).reversed().thenComparing(RecordRef::id));
		return (merged.size() > count) ? merged.subList(0, count) : merged;
	}

	List<StoredExperiment> read(List<RecordRef> refs) {
		List<RecordRef> remoteRefs = refs.stream().filter((ref) -> !this.spooledIds.contains(ref.id())).toList();
		Map<String, StoredExperiment> found = new HashMap<>();
		if (!remoteRefs.isEmpty() && this.partialReason == null) {
			try {
				this.remote.read(remoteRefs).forEach((record) -> found.put(record.id(), record));
			}
			catch (StorageUnavailableException ex) {
				this.partialReason = partial(ex);
			}
		}
		List<StoredExperiment> page = new ArrayList<>(refs.size());
		for (RecordRef ref : refs) {
			StoredExperiment record = this.spooledIds.contains(ref.id()) ? this.spool.get(ref.id())
				.map((spooled) -> spooled.withUri(this.remote.uriOf(ref.id())))
				.orElse(null) : found.get(ref.id());
			if (record != null) {
				page.add(record);
			}
		}
		return page;
	}

	/**
	 * Why the page is partial, {@code null} when it is whole.
	 */
	String partialReason() {
		return this.partialReason;
	}

	private static String partial(StorageUnavailableException ex) {
		// Serve what could be read, and say so: never a silently short page.
		return Sanitizer.sanitize("GCS could not be listed, showing spooled records only: " + Sanitizer.describe(ex),
				500);
	}

}
