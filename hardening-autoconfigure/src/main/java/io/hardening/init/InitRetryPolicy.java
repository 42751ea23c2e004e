package io.hardening.init;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Exponential backoff with jitter between automatic initialization attempts.
 *
 * @param initialInterval delay after the first failure
 * @param multiplier factor applied to the delay after each further failure
 * @param maxInterval longest delay
 * @param maxAttempts automatic attempts before giving up, 0 for no limit
 * @param jitter fraction of the delay randomly added or removed, 0 to 1
 */
public record InitRetryPolicy(Duration initialInterval, double multiplier, Duration maxInterval, int maxAttempts,
		double jitter) {

	public InitRetryPolicy {
		Assert.isTrue(!initialInterval.isNegative() && !initialInterval.isZero(), "'initialInterval' must be positive");
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(maxInterval.compareTo(initialInterval) >= 0, "'maxInterval' must not be below 'initialInterval'");
		Assert.isTrue(maxAttempts >= 0, "'maxAttempts' must not be negative");
		Assert.isTrue(jitter >= 0 && jitter <= 1, "'jitter' must be between 0 and 1");
	}

	/**
	 * Whether another automatic attempt is due after this many consecutive failures.
	 * @param failures consecutive failed attempts so far
	 * @return {@code true} to retry
	 */
	public boolean shouldRetry(int failures) {
		return this.maxAttempts == 0 || failures < this.maxAttempts;
	}

	/**
	 * Delay before the next attempt.
	 * @param failures consecutive failed attempts so far, at least 1
	 * @param random a value in [0, 1) that picks the jitter
	 * @return the delay, never above the max interval
	 */
	public Duration backoff(int failures, double random) {
		double base = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(0, failures - 1));
		double capped = Math.min(base, this.maxInterval.toMillis());
		double jittered = capped * (1 - this.jitter + 2 * this.jitter * random);
		return Duration.ofMillis((long) Math.min(jittered, this.maxInterval.toMillis()));
	}

}
