package io.hardening.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads one page of records from an index of references, newest first: the offset is
 * skipped in the index, and only the records on the page are read. A reference whose
 * record is gone (deleted since it was listed) leaves a gap that the next references
 * fill.
 */
public final class RecordPages {

	private static final int MAX_ROUNDS = 4;

	private RecordPages() {
	}

	/**
	 * Reads a page.
	 * @param newest returns the first {@code n} references, newest first
	 * @param read reads the records of some references, in their order, leaving out those
	 * that are gone
	 * @param limit the page size
	 * @param offset how many of the newest references to skip
	 * @return the page
	 */
	public static List<StoredExperiment> page(IntFunction<List<RecordRef>> newest,
			Function<List<RecordRef>, List<StoredExperiment>> read, int limit, int offset) {
		int extra = 0;
		List<StoredExperiment> page = List.of();
		for (int round = 0; round < MAX_ROUNDS; round++) {
			int wanted = offset + limit + extra;
			List<RecordRef> refs = newest.apply(wanted);
			if (refs.size() <= offset) {
				return List.of();
			}
			page = read.apply(new ArrayList<>(refs.subList(offset, refs.size())));
			if (page.size() >= limit || refs.size() < wanted) {
				break;
			}
			extra = 2 * extra + (limit - page.size());
		}
		return (page.size() > limit) ? List.copyOf(page.subList(0, limit)) : List.copyOf(page);
	}

}
