package io.hardening.storage.gcs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hardening.storage.StoredExperiment;

/**
 * Merges the records of several stores into one page, newest first by stored time; the
 * first store to hold an id wins.
 */
final class MergedPage {

	private final Map<String, StoredExperiment> records = new LinkedHashMap<>();

	MergedPage add(Collection<StoredExperiment> some) {
		some.forEach((record) -> this.records.putIfAbsent(record.id(), record));
		return this;
	}

	List<StoredExperiment> page(int limit, int offset) {
		List<StoredExperiment> all = new ArrayList<>(this.records.values());
		all.sort(Comparator.comparing(StoredExperiment::storedAt).reversed().thenComparing(StoredExperiment::id));
		int from = Math.min(offset, all.size());
		return new ArrayList<>(all.subList(from, Math.min(from + limit, all.size())));
	}

}
