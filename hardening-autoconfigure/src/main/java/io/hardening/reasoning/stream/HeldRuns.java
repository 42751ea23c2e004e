package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * The runs one instance holds: every running one, and the finished ones kept for
 * reconnects, each for {@code resumeWindow} and at most {@code resumeMaxRuns} of them,
 * the oldest dropped first. A cancelled run is not kept.
 */
final class HeldRuns {

	private final Duration resumeWindow;

	private final int resumeMaxRuns;

	private final Map<String, ReasoningRun> runs = new ConcurrentHashMap<>();

	// The ids of the finished runs kept, oldest first; guarded by itself.
	private final Deque<String> finished = new ArrayDeque<>();

	HeldRuns(Duration resumeWindow, int resumeMaxRuns) {
		this.resumeWindow = resumeWindow;
		this.resumeMaxRuns = resumeMaxRuns;
	}

	void add(ReasoningRun run) {
		this.runs.put(run.id(), run);
	}

	ReasoningRun get(String id) {
		return this.runs.get(id);
	}

	boolean holds(String id) {
		return this.runs.containsKey(id);
	}

	Collection<ReasoningRun> all() {
		return this.runs.values();
	}

	/**
	 * Keeps a run that ended for reconnects, or lets go of it.
	 * @param run the run
	 * @param outcome how it ended
	 */
	void ended(ReasoningRun run, StreamOutcome outcome) {
		if (outcome == StreamOutcome.CANCELLED || this.resumeWindow.isZero() || this.resumeMaxRuns == 0) {
			this.runs.remove(run.id());
			return;
		}
		synchronized (this.finished) {
			this.finished.addLast(run.id());
			while (this.finished.size() > this.resumeMaxRuns) {
				this.runs.remove(this.finished.removeFirst());
			}
		}
		// The timer holds the id only: an evicted run is not kept reachable by it.
		String id = run.id();
		Mono.delay(this.resumeWindow).subscribe((tick) -> forget(id));
	}

	private void forget(String id) {
		synchronized (this.finished) {
			this.finished.remove(id);
		}
		this.runs.remove(id);
	}

}
