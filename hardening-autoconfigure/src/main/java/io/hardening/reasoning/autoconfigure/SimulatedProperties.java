package io.hardening.reasoning.autoconfigure;

import java.time.Duration;

import static io.hardening.support.PropertyChecks.between;
import static io.hardening.support.PropertyChecks.notNegative;

/**
 * The built-in simulator.
 */
public class SimulatedProperties {

	/**
	 * Time the simulated flash model takes for a whole answer, spread over its pieces.
	 */
	private Duration flashLatency = Duration.ofMillis(300);

	/**
	 * Time the simulated pro model takes for a whole answer, spread over its pieces.
	 */
	private Duration proLatency = Duration.ofMillis(900);

	/**
	 * Share of the simulated flash model's calls that fail, from 0.0 to 1.0.
	 */
	private double flashFailureRate = 0.0;

	/**
	 * Share of the simulated pro model's calls that fail, from 0.0 to 1.0.
	 */
	private double proFailureRate = 0.0;

	/**
	 * How many first calls of the simulated flash model answer like a 429 with a
	 * RetryInfo of 200ms: with a retry.max-attempts above it, the stream still completes.
	 */
	private int flashRateLimitedAttempts = 0;

	/**
	 * How many first calls of the simulated pro model answer like a 429 with a RetryInfo
	 * of 200ms.
	 */
	private int proRateLimitedAttempts = 0;

	/**
	 * How many first attempts of the vertexAi init component fail.
	 */
	private int initFailures = 0;

	/**
	 * Seed of the failure decisions: the same seed and order of calls give the same
	 * failures.
	 */
	private long seed = 0;

	public Duration getFlashLatency() {
		return this.flashLatency;
	}

	public void setFlashLatency(Duration flashLatency) {
		this.flashLatency = notNegative("hardening.reasoning.simulated.flash-latency", flashLatency);
	}

	public Duration getProLatency() {
		return this.proLatency;
	}

	public void setProLatency(Duration proLatency) {
		this.proLatency = notNegative("hardening.reasoning.simulated.pro-latency", proLatency);
	}

	public double getFlashFailureRate() {
		return this.flashFailureRate;
	}

	public void setFlashFailureRate(double flashFailureRate) {
		this.flashFailureRate = between("hardening.reasoning.simulated.flash-failure-rate", flashFailureRate, 0.0, 1.0);
	}

	public double getProFailureRate() {
		return this.proFailureRate;
	}

	public void setProFailureRate(double proFailureRate) {
		this.proFailureRate = between("hardening.reasoning.simulated.pro-failure-rate", proFailureRate, 0.0, 1.0);
	}

	public int getFlashRateLimitedAttempts() {
		return this.flashRateLimitedAttempts;
	}

	public void setFlashRateLimitedAttempts(int flashRateLimitedAttempts) {
		this.flashRateLimitedAttempts = notNegative("hardening.reasoning.simulated.flash-rate-limited-attempts",
				flashRateLimitedAttempts);
	}

	public int getProRateLimitedAttempts() {
		return this.proRateLimitedAttempts;
	}

	public void setProRateLimitedAttempts(int proRateLimitedAttempts) {
		this.proRateLimitedAttempts = notNegative("hardening.reasoning.simulated.pro-rate-limited-attempts",
				proRateLimitedAttempts);
	}

	public int getInitFailures() {
		return this.initFailures;
	}

	public void setInitFailures(int initFailures) {
		this.initFailures = notNegative("hardening.reasoning.simulated.init-failures", initFailures);
	}

	public long getSeed() {
		return this.seed;
	}

	public void setSeed(long seed) {
		this.seed = seed;
	}

}
