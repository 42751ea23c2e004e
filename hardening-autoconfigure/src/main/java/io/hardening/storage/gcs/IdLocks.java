package io.hardening.storage.gcs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per record id while someone holds it, so that this instance's writes, replays
 * and deletes of one id take turns, and those of other ids never wait on them.
 * <p>
 * The spool and GCS are two stores that no precondition spans: within one instance the
 * lock makes "the spool holds nothing for this id, so GCS decides" one step (see
 * {@link SpoolingExperimentStorage}). A holder may call GCS, bounded by its time limiter,
 * but never takes another id's lock or emits to anyone, so no cycle of waits can form.
 */
final class IdLocks {

	private final ConcurrentHashMap<String, Holder> locks = new ConcurrentHashMap<>();

	<T> T locked(String id, Supplier<T> action) {
		Holder holder = this.locks.compute(id, (key, existing) -> {
			Holder current = (existing != null) ? existing : new Holder();
			current.users++;
			return current;
		});
		holder.lock.lock();
		try {
			return action.get();
		}
		finally {
			holder.lock.unlock();
			this.locks.computeIfPresent(id, (key, current) -> (--current.users == 0) ? null : current);
		}
	}

	int size() {
		return this.locks.size();
	}

	private static final class Holder {

		private final ReentrantLock lock = new ReentrantLock();

		// Changed only inside the map's compute functions, which run one at a time per
		// id.
		private int users;

	}

}
