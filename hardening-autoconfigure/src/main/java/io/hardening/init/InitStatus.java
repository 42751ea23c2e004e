package io.hardening.init;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param attemptStillRunning whether an attempt that timed out is still running on its
 * thread (it ignored the interrupt); no new attempt starts until it returns
 */
public record InitStatus(String name, InitState state, String lastError, Instant lastAttempt, Instant lastSuccess,
		int retryCount, Instant nextRetry, boolean requiredForReadiness, boolean attemptStillRunning) {

	static InitStatus pending(String name, boolean requiredForReadiness) {
		return new InitStatus(name, InitState.PENDING, null, null, null, 0, null, requiredForReadiness, false);
	}

	/**
	 * Whether the component is initialized and usable.
	 * @return {@code true} when READY
	 */
	public boolean initialized() {
		return this.state == InitState.READY;
	}

	/**
	 * The status as a map for health details and endpoint answers: timestamps in
	 * ISO-8601, absent values left out.
	 * @return the details, in a stable order
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", this.state.name());
		details.put("initialized", initialized());
		putIfPresent(details, "lastError", this.lastError);
		putIfPresent(details, "lastAttempt", this.lastAttempt);
		putIfPresent(details, "lastSuccess", this.lastSuccess);
		details.put("retryCount", this.retryCount);
		putIfPresent(details, "nextRetry", this.nextRetry);
		details.put("requiredForReadiness", this.requiredForReadiness);
		if (this.attemptStillRunning) {
			details.put("attemptStillRunning", true);
		}
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String key, Object value) {
		if (value != null) {
			details.put(key, value.toString());
		}
	}

	InitStatus initializing(Instant now) {
		return new InitStatus(this.name, InitState.INITIALIZING, this.lastError, now, this.lastSuccess, this.retryCount,
				null, this.requiredForReadiness, false);
	}

	InitStatus succeeded(Instant now) {
		return new InitStatus(this.name, InitState.READY, null, this.lastAttempt, now, 0, null,
				this.requiredForReadiness, false);
	}

	InitStatus failed(String error, Instant nextRetry, boolean stillRunning) {
		return new InitStatus(this.name, InitState.FAILED, error, this.lastAttempt, this.lastSuccess,
				this.retryCount + 1, nextRetry, this.requiredForReadiness, stillRunning);
	}

	InitStatus attemptEnded(String error) {
		return new InitStatus(this.name, this.state, error, this.lastAttempt, this.lastSuccess, this.retryCount,
				this.nextRetry, this.requiredForReadiness, false);
	}

	InitStatus waitingForAttempt() {
		return new InitStatus(this.name, this.state, this.lastError, this.lastAttempt, this.lastSuccess,
				this.retryCount, null, this.requiredForReadiness, this.attemptStillRunning);
	}

}
