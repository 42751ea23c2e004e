package io.hardening.init.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties for tracked initialization.
 */
@ConfigurationProperties("hardening.init")
public class InitProperties {

	/**
	 * Whether to initialize InitComponent beans in the background with retries and report
	 * them in health.
	 */
	private boolean enabled = true;

	/**
	 * Longest time one initialization attempt may run before it is cut off and counted as
	 * a failure.
	 */
	private Duration attemptTimeout = Duration.ofSeconds(30);

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		Assert.isTrue(attemptTimeout != null && attemptTimeout.toMillis() > 0,
				"hardening.init.attempt-timeout must be positive");
		this.attemptTimeout = attemptTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Automatic retries after a failed attempt.
	 */
	public static class Retry {

		/**
		 * Delay before the first retry.
		 */
		private Duration initialInterval = Duration.ofSeconds(5);

		/**
		 * Factor applied to the delay after each further failure.
		 */
		private double multiplier = 2;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxInterval = Duration.ofMinutes(5);

		/**
		 * Automatic attempts before giving up, 0 for no limit. The retry endpoint works
		 * either way.
		 */
		private int maxAttempts = 0;

		/**
		 * Fraction of each delay randomly added or removed, so that many instances do not
		 * retry in step. Between 0 and 1.
		 */
		private double jitter = 0.2;

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			Assert.isTrue(initialInterval != null && initialInterval.toMillis() > 0,
					"hardening.init.retry.initial-interval must be positive");
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1, "hardening.init.retry.multiplier must be at least 1");
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			Assert.isTrue(maxInterval != null && maxInterval.toMillis() > 0,
					"hardening.init.retry.max-interval must be positive");
			this.maxInterval = maxInterval;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 0, "hardening.init.retry.max-attempts must not be negative");
			this.maxAttempts = maxAttempts;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 1, "hardening.init.retry.jitter must be between 0 and 1");
			this.jitter = jitter;
		}

	}

}
