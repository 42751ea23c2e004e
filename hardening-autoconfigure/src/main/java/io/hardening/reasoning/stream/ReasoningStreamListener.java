package io.hardening.reasoning.stream;

import java.time.Duration;

import io.hardening.reasoning.TokenUsage;

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
	 * {@code circuit_open}, {@code rate_limited}, {@code blocked}, {@code overloaded} or
	 * {@code cancelled}
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
	 * A model call ended having reported its token usage.
	 * @param role {@code flash} or {@code pro}
	 * @param usage the tokens the model reported last
	 */
	default void tokensUsed(String role, TokenUsage usage) {
	}

	/**
	 * A model call failed before any of its text was sent and is tried again.
	 * @param role {@code flash} or {@code pro}
	 * @param reason {@code rate_limited}, {@code unavailable} or {@code connection}
	 */
	default void modelRetried(String role, String reason) {
	}

	/**
	 * A run record could not be saved.
	 * @param failure why
	 */
	default void runRecordFailed(Throwable failure) {
	}

}
