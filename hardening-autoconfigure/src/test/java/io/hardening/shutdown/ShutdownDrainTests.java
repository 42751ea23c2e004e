package io.hardening.shutdown;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShutdownDrain}.
 */
class ShutdownDrainTests {

	@Test
	void stopKeepsServingForTheDrainDelay() {
		ShutdownDrain drain = new ShutdownDrain(Duration.ofMillis(300));
		drain.start();
		long started = System.nanoTime();
		drain.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
			.isLessThan(Duration.ofSeconds(3));
		assertThat(drain.isRunning()).isFalse();
	}

	@Test
	void zeroDelayStopsAtOnce() {
		ShutdownDrain drain = new ShutdownDrain(Duration.ZERO);
		drain.start();
		long started = System.nanoTime();
		drain.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
	}

	@Test
	void stopsBeforeEveryOtherLifecycleBean() {
		assertThat(new ShutdownDrain(Duration.ZERO).getPhase()).isEqualTo(Integer.MAX_VALUE);
	}

}
