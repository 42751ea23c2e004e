package io.hardening.storage.gcs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;

/**
 * The ids of the records in the spool, kept beside it so that the count of records
 * waiting for GCS is read without listing the folder. Whoever changes the spool for an id
 * (a store that spooled, a replay that delivered, a delete) says so under that id's lock,
 * so no change is counted twice or lost to a recount that ran beside it. A replay round
 * checks each listed id, and each id held that the folder no longer lists, under the same
 * lock: that takes in what an earlier process spooled, and what was removed by hand.
 */
final class SpooledIds {

	private final Set<String> ids = ConcurrentHashMap.newKeySet();

	/**
	 * The record of {@code id} is in the spool; called under the id's lock.
	 */
	void spooled(String id) {
		this.ids.add(id);
	}

	/**
	 * The record of {@code id} left the spool; called under the id's lock.
	 */
	void left(String id) {
		this.ids.remove(id);
	}

	int count() {
		return this.ids.size();
	}

	/**
	 * Makes the ids agree with the spool, one id at a time under its lock.
	 * @param listed the ids the spool's folder listed
	 * @param locks the storage's id locks
	 * @param spool the spool
	 */
	void reconcile(List<String> listed, IdLocks locks, FilesystemExperimentStorage spool) {
		Set<String> check = new LinkedHashSet<>(listed);
		check.addAll(this.ids);
		for (String id : check) {
			locks.locked(id, () -> {
				if (spool.holds(id)) {
					spooled(id);
				}
				else {
					left(id);
				}
				return null;
			});
		}
	}

}
