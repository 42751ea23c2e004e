package io.hardening.init;

import java.time.Instant;

/**
 * A snapshot of one tracked component.
 *
 * @param name the component name
 * @param state where it stands
 * @param lastError sanitized message of the last failure, {@code null} after a success
 * @param lastAttempt when the last attempt started, {@code null} before the first
 * @param lastSuccess when an attempt last succeeded, {@code null} if none has
 * @param retryCount failed attempts since the last success
 * @param nextRetry when the next automatic attempt is due, {@code null} if none is
 * @param requiredForReadiness whether the component gates readiness
 */
public record InitStatus(String name, InitState state, String lastError, Instant lastAttempt, Instant lastSuccess,
		int retryCount, Instant nextRetry, boolean requiredForReadiness) {

	static InitStatus pending(String name, boolean requiredForReadiness) {
		return new InitStatus(name, InitState.PENDING, null, null, null, 0, null, requiredForReadiness);
	}

	/**
	 * Whether the component is initialized and usable.
	 * @return {@code true} when READY
	 */
	public boolean initialized() {
		return this.state == InitState.READY;
	}

	InitStatus initializing(Instant now) {
		return new InitStatus(this.name, InitState.INITIALIZING, this.lastError, now, this.lastSuccess, this.retryCount,
				null, this.requiredForReadiness);
	}

	InitStatus succeeded(Instant now) {
		return new InitStatus(this.name, InitState.READY, null, this.lastAttempt, now, 0, null,
				this.requiredForReadiness);
	}

	InitStatus failed(String error, Instant nextRetry) {
		return new InitStatus(this.name, InitState.FAILED, error, this.lastAttempt, this.lastSuccess,
				this.retryCount + 1, nextRetry, this.requiredForReadiness);
	}

	InitStatus withNextRetry(Instant nextRetry) {
		return new InitStatus(this.name, this.state, this.lastError, this.lastAttempt, this.lastSuccess,
				this.retryCount, nextRetry, this.requiredForReadiness);
	}

}
