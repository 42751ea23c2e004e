package io.hardening.reasoning.stream;

import reactor.core.Disposable;

/**
 * The timer that cancels a run nobody is connected to, as the run's lock sees it: each
 * stretch without connection (from the start, and from each time the last connection
 * left) has a number, and only the timer started for the current stretch is kept. Not
 * thread-safe: guarded by the run's lock. It starts, disposes and calls nothing; the run
 * does that, outside its lock, with what it hands back.
 */
final class AbandonTimer {

	private Disposable timer;

	private long stretch;

	/**
	 * A stretch without connection begins.
	 * @return its number, for {@link #keep(Disposable, long, boolean)}
	 */
	long begin() {
		return ++this.stretch;
	}

	/**
	 * Keeps a timer started for a stretch, if that stretch is the current one and the run
	 * still has nobody connected.
	 * @param started the timer
	 * @param stretch the stretch it was started for
	 * @param unattended whether the run still runs with no connection
	 * @return the timer to dispose once the lock is released: the one it replaced, or
	 * {@code started} itself when it is not kept; {@code null} for none
	 */
	Disposable keep(Disposable started, long stretch, boolean unattended) {
		if (!unattended || this.stretch != stretch) {
			return started;
		}
		Disposable replaced = this.timer;
		this.timer = started;
		return replaced;
	}

	/**
	 * Takes the timer out: a connection came, or the run ended.
	 * @return the timer to dispose once the lock is released, {@code null} for none
	 */
	Disposable take() {
		Disposable taken = this.timer;
		this.timer = null;
		return taken;
	}

}
