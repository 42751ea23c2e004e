package io.hardening.storage.gcs;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks chosen by the hash of a record id, so that the replay of a record
 * and its delete never run at the same time.
 */
final class StripedLocks {

	private static final int STRIPES = 64;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	StripedLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	<T> T locked(String id, Supplier<T> action) {
		ReentrantLock lock = this.locks[Math.floorMod(id.hashCode(), STRIPES)];
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

}
