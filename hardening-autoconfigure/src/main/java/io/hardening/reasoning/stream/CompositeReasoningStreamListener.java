package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;

import io.hardening.reasoning.TokenUsage;

/**
 * Tells every one of several listeners, in order.
 */
public class CompositeReasoningStreamListener implements ReasoningStreamListener {

	private final List<ReasoningStreamListener> listeners;

	/**
	 * Creates the composite.
	 * @param listeners the listeners
	 */
	public CompositeReasoningStreamListener(List<ReasoningStreamListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void streamFinished(StreamOutcome outcome) {
		this.listeners.forEach((listener) -> listener.streamFinished(outcome));
	}

	@Override
	public void modelFinished(String role, String outcome, Duration duration) {
		this.listeners.forEach((listener) -> listener.modelFinished(role, outcome, duration));
	}

	@Override
	public void firstToken(String role, Duration latency) {
		this.listeners.forEach((listener) -> listener.firstToken(role, latency));
	}

	@Override
	public void tokensUsed(String role, TokenUsage usage) {
		this.listeners.forEach((listener) -> listener.tokensUsed(role, usage));
	}

	@Override
	public void modelRetried(String role, String reason) {
		this.listeners.forEach((listener) -> listener.modelRetried(role, reason));
	}

	@Override
	public void runRecordFailed(Throwable failure) {
		this.listeners.forEach((listener) -> listener.runRecordFailed(failure));
	}

}
