package io.hardening.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Which failures {@link ThreadDumpOnTimeout} prints a thread dump for.
 */
class ThreadDumpOnTimeoutTests {

	@Test
	void aBlockingReadThatTimedOutIsATimeout() {
		assertThat(ThreadDumpOnTimeout.causedByTimeout(new IllegalStateException("Timeout on blocking read",
				new TimeoutException("Did not observe any item or terminal signal within 100ms"))))
			.isTrue();
	}

	@Test
	void anAwaitilityConditionThatNeverCameTrueIsATimeout() {
		Throwable failure = catchThrowable(
				() -> await().pollDelay(Duration.ZERO).atMost(Duration.ofMillis(50)).until(() -> false));
		assertThat(failure).isInstanceOf(ConditionTimeoutException.class);
		assertThat(ThreadDumpOnTimeout.causedByTimeout(failure)).isTrue();
	}

	@Test
	void aFailedAssertionIsNot() {
		assertThat(ThreadDumpOnTimeout.causedByTimeout(new AssertionError("expected 3 but was 2"))).isFalse();
	}

}
