package io.hardening.reasoning.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The numbered events of one run, kept within a bound for the connections that watch
 * them, and the sequences a run record can answer a reconnect with. Fed by the run's one
 * serialized source, one event at a time; read by any number of connections.
 */
final class RunReplay {

	private final Sinks.Many<ReasoningEvent> events;

	// Written by the source before the event reaches the replay.
	private volatile long lastSequence;

	// The sequences of each model's last event: what a record can answer a reconnect
	// with.
	private volatile long flashEnd;

	private volatile long proEnd;

	RunReplay(int maxEvents) {
		this.events = Sinks.unsafe().many().replay().limit(maxEvents);
	}

	/**
	 * The sequence of the last event noted: no connection can have seen a later one.
	 */
	long lastSequence() {
		return this.lastSequence;
	}

	/**
	 * Notes a numbered event before it is emitted.
	 */
	void note(ReasoningEvent event) {
		this.lastSequence = event.sequence();
		String name = event.name();
		if (name.endsWith("_complete") || name.endsWith("_failed")) {
			if (name.startsWith("flash")) {
				this.flashEnd = event.sequence();
			}
			else if (name.startsWith("pro")) {
				this.proEnd = event.sequence();
			}
		}
	}

	/**
	 * Hands a noted event to the connections; the terminal event also completes them.
	 * Never called with a lock held.
	 */
	void emit(ReasoningEvent event) {
		this.events.tryEmitNext(event);
		if (event.isTerminal()) {
			this.events.tryEmitComplete();
		}
	}

	/**
	 * The kept and live events after {@code after}, checked to be gapless: a connection
	 * whose next event is no longer kept gets {@code resume_unavailable} instead.
	 */
	Flux<ReasoningEvent> after(long after) {
		return Flux.defer(() -> {
			long[] next = { after + 1 };
			return this.events.asFlux().handle((event, sink) -> {
				if (event.sequence() < next[0]) {
					return;
				}
				if (event.sequence() == next[0]) {
					next[0]++;
					sink.next(event);
					return;
				}
				sink.next(RunEvents.resumeUnavailable());
				sink.complete();
			});
		});
	}

	/**
	 * The sequences of the events a reconnect to another replica can be answered with:
	 * each model's last event and the terminal one; none for a run without a terminal
	 * event.
	 */
	Map<String, Long> sequences(ReasoningEvent terminal) {
		Map<String, Long> sequences = new LinkedHashMap<>();
		if (terminal != null) {
			putIfPositive(sequences, "flash", this.flashEnd);
			putIfPositive(sequences, "pro", this.proEnd);
			sequences.put("end", terminal.sequence());
		}
		return sequences;
	}

	private static void putIfPositive(Map<String, Long> sequences, String key, long sequence) {
		if (sequence > 0) {
			sequences.put(key, sequence);
		}
	}

}
