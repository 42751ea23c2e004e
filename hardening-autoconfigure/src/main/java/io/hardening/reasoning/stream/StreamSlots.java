package io.hardening.reasoning.stream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream slots of one application
 * ({@code hardening.reasoning.max-concurrent-streams}): held by every open connection,
 * new or resumed, and by a running run whose client left while it waits the reconnect
 * grace.
 */
final class StreamSlots {

	private final int max;

	private final AtomicInteger used = new AtomicInteger();

	StreamSlots(int max) {
		this.max = max;
	}

	boolean tryAcquire() {
		for (;;) {
			int now = this.used.get();
			if (now >= this.max) {
				return false;
			}
			if (this.used.compareAndSet(now, now + 1)) {
				return true;
			}
		}
	}

	void release() {
		this.used.decrementAndGet();
	}

	int used() {
		return this.used.get();
	}

	int max() {
		return this.max;
	}

}
