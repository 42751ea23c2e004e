package io.hardening.reasoning.stream;

/**
 * The stream slots one run holds: one for each of its connections, and its own while it
 * waits the reconnect grace with none. Not thread-safe: guarded by the run's lock, and
 * calls nothing but the atomic {@link StreamSlots}.
 */
final class RunSlots {

	private final StreamSlots slots;

	private int connections;

	// The run's own slot: taken over by the next connection, let go of when it ends.
	private boolean held = true;

	RunSlots(StreamSlots slots) {
		this.slots = slots;
	}

	/**
	 * A connection joins, with the run's own slot or a new one.
	 * @return whether it got a slot
	 */
	boolean attach() {
		if (this.held) {
			this.held = false;
		}
		else if (!this.slots.tryAcquire()) {
			return false;
		}
		this.connections++;
		return true;
	}

	/**
	 * A connection leaves: it lets go of its slot, unless it was the last one of a
	 * running run, whose own slot it then becomes.
	 * @param running whether the run is running
	 * @return whether the run is left running without connection
	 */
	boolean detach(boolean running) {
		this.connections--;
		if (this.connections > 0 || !running) {
			this.slots.release();
			return false;
		}
		this.held = true;
		return true;
	}

	boolean connected() {
		return this.connections > 0;
	}

	/**
	 * The run ended: its own slot, if it holds it, is let go of.
	 */
	void drop() {
		if (this.held) {
			this.held = false;
			this.slots.release();
		}
	}

}
