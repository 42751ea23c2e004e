package io.hardening.reasoning;

import java.time.Duration;

import io.hardening.support.Sanitizer;

/**
 * A model call failed. The {@link Kind} says why; the message names the model, says what
 * to check, and is sanitized (no tokens or keys).
 */
public class ModelException extends RuntimeException {

	private static final int MAX_MESSAGE_LENGTH = 1000;

	private final Kind kind;

	private final String model;

	private final int status;

	private final Duration retryDelay;

	private final boolean dailyQuota;

	/**
	 * Creates an exception with no HTTP status and no cause.
	 * @param kind why the call failed
	 * @param model the model that was called
	 * @param message what happened, sanitized here
	 */
	public ModelException(Kind kind, String model, String message) {
		this(kind, model, 0, message, null);
	}

	/**
	 * Creates an exception.
	 * @param kind why the call failed
	 * @param model the model that was called
	 * @param status the HTTP status of the answer, 0 when there was none
	 * @param message what happened, sanitized here
	 * @param cause the underlying failure, may be {@code null}
	 */
	public ModelException(Kind kind, String model, int status, String message, Throwable cause) {
		this(kind, model, status, message, cause, null, false);
	}

	/**
	 * Creates an exception with the service's hints on retrying.
	 * @param kind why the call failed
	 * @param model the model that was called
	 * @param status the HTTP status of the answer, 0 when there was none
	 * @param message what happened, sanitized here
	 * @param cause the underlying failure, may be {@code null}
	 * @param retryDelay how long the service asked to wait before retrying (Google's
	 * {@code RetryInfo.retryDelay} or a {@code Retry-After} header), {@code null} for no
	 * hint
	 * @param dailyQuota whether a quota that resets daily was exceeded: retrying the same
	 * day is wasted
	 */
	public ModelException(Kind kind, String model, int status, String message, Throwable cause, Duration retryDelay,
			boolean dailyQuota) {
		super(Sanitizer.sanitize(message, MAX_MESSAGE_LENGTH), cause);
		this.kind = kind;
		this.model = model;
		this.status = status;
		this.retryDelay = retryDelay;
		this.dailyQuota = dailyQuota;
	}

	/**
	 * Why the call failed.
	 * @return the kind of failure
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * The model that was called.
	 * @return the model name
	 */
	public String getModel() {
		return this.model;
	}

	/**
	 * The HTTP status Google answered with.
	 * @return the status, 0 when there was no HTTP answer
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * How long the service asked to wait before retrying.
	 * @return the delay, {@code null} when it gave no hint
	 */
	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	/**
	 * Whether a quota that resets daily was exceeded.
	 * @return whether retrying before the next day is wasted
	 */
	public boolean isDailyQuota() {
		return this.dailyQuota;
	}

	/**
	 * Whether retrying the same call soon may succeed: a rate limit that is not a daily
	 * quota, or an unavailable service (HTTP 500, 503, a refused or reset connection).
	 * @return whether a retry is worth it
	 */
	public boolean isRetryable() {
		return (this.kind == Kind.RATE_LIMITED && !this.dailyQuota) || this.kind == Kind.UNAVAILABLE;
	}

	/**
	 * Whether the same call may succeed later unchanged: rate limits, unavailability and
	 * timeouts.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.kind == Kind.RATE_LIMITED || this.kind == Kind.UNAVAILABLE || this.kind == Kind.TIMEOUT;
	}

	/**
	 * Why a model call failed.
	 */
	public enum Kind {

		/**
		 * The request was invalid (HTTP 400).
		 */
		BAD_REQUEST,

		/**
		 * Google blocked the prompt ({@code promptFeedback.blockReason}) or the answer (a
		 * safety {@code finishReason} such as {@code SAFETY} or {@code RECITATION}).
		 */
		BLOCKED,

		/**
		 * The credentials were not accepted (HTTP 401) or no token could be had.
		 */
		UNAUTHENTICATED,

		/**
		 * The credentials lack permission, or the API is not enabled (HTTP 403).
		 */
		PERMISSION_DENIED,

		/**
		 * The model does not exist or is not served in that location (HTTP 404).
		 */
		NOT_FOUND,

		/**
		 * A rate limit or quota was exceeded (HTTP 429).
		 */
		RATE_LIMITED,

		/**
		 * The service failed or is unavailable (HTTP 5xx, connection refused).
		 */
		UNAVAILABLE,

		/**
		 * The call ran past its time budget.
		 */
		TIMEOUT,

		/**
		 * The model's circuit breaker is open: the call was not made.
		 */
		CIRCUIT_OPEN,

		/**
		 * The model's bulkhead is full: too many calls to it run at once, this one was
		 * not made.
		 */
		OVERLOADED,

		/**
		 * The client is missing configuration (a project, an API key, credentials).
		 */
		NOT_CONFIGURED,

		/**
		 * Any other failure, such as an answer that could not be read.
		 */
		FAILED

	}

}
