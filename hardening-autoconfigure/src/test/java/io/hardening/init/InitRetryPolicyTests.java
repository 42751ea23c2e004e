package io.hardening.init;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InitRetryPolicyTests {

	private final InitRetryPolicy policy = new InitRetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 0, 0.2);

	@Test
	void backoffGrowsByMultiplierFromInitialInterval() {
		InitRetryPolicy noJitter = new InitRetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 0, 0);
		assertThat(noJitter.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(5));
		assertThat(noJitter.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(noJitter.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void backoffNeverExceedsMaxInterval() {
		assertThat(this.policy.backoff(30, 0.999)).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.policy.backoff(1000, 0.999)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void jitterSpreadsDelayWithinFraction() {
		assertThat(this.policy.backoff(2, 0.0)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.policy.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.policy.backoff(2, 0.99)).isBetween(Duration.ofMillis(11900), Duration.ofSeconds(12));
	}

	@Test
	void maxAttemptsZeroMeansUnbounded() {
		assertThat(this.policy.shouldRetry(1_000_000)).isTrue();
		InitRetryPolicy three = new InitRetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 3, 0);
		assertThat(three.shouldRetry(2)).isTrue();
		assertThat(three.shouldRetry(3)).isFalse();
	}

	@Test
	void invalidValuesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InitRetryPolicy(Duration.ofSeconds(5), 0.5, Duration.ofMinutes(5), 0, 0))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InitRetryPolicy(Duration.ofSeconds(5), 2, Duration.ofSeconds(1), 0, 0))
			.withMessageContaining("maxInterval");
	}

}
