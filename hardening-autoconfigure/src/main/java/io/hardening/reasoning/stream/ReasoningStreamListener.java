package io.hardening.reasoning.stream;

import java.time.Duration;

/**
 * Told what streams and model calls do, for metrics. Methods are called on the threads
 * that stream: implementations must be quick and must not block.
 */
public interface ReasoningStreamListener {

	/**
	 * A stream ended, or was refused before it started.
	 * @param outcome how it ended
	 */
	default void streamFinished(StreamOutcome outcome) {
	}

	/**
	 * A model call ended.
	 * @param role {@code flash} or {@code pro}
	 * @param outcome {@code success}, {@code error}, {@code timeout},
	 * {@code circuit_open} or {@code cancelled}
	 * @param duration from the call to its end
	 */
	default void modelFinished(String role, String outcome, Duration duration) {
	}

	/**
	 * A model's first piece of text arrived.
	 * @param role {@code flash} or {@code pro}
	 * @param latency from the call to the first piece
	 */
	default void firstToken(String role, Duration latency) {
	}

	/**
	 * A run record could not be saved.
	 * @param failure why
	 */
	default void runRecordFailed(Throwable failure) {
	}

}
