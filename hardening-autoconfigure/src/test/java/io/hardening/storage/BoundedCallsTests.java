package io.hardening.storage;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class BoundedCallsTests {

	private final BoundedCalls calls = new BoundedCalls("test-", 1, 1);

	private final CountDownLatch never = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.never.countDown();
		this.calls.close();
	}

	@Test
	void callReturnsResult() {
		assertThat(this.calls.call("x", Duration.ofSeconds(1), () -> 42)).isEqualTo(42);
	}

	@Test
	void callThatHangsTimesOut() {
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> this.calls.call("GCS write", Duration.ofMillis(100), () -> {
				this.never.await();
				return null;
			}))
			.withMessage("GCS write did not answer within 100ms");
	}

	@Test
	void storageExceptionsPassThroughAndOthersBecomeUnavailable() {
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.calls.call("x", Duration.ofSeconds(1), () -> {
				throw new ExperimentConflictException("a");
			}));
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> this.calls.call("x", Duration.ofSeconds(1), () -> {
				throw new IllegalStateException("boom token=secret");
			}))
			.withMessage("x failed: boom token=***");
	}

	@Test
	void callBeyondCapacityIsRefusedAtOnce() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		Thread busy = new Thread(() -> {
			try {
				this.calls.call("busy", Duration.ofSeconds(5), () -> {
					started.countDown();
					this.never.await();
					return null;
				});
			}
			catch (StorageUnavailableException ex) {
				// released in close()
			}
		});
		busy.start();
		started.await();
		Thread queued = new Thread(() -> {
			try {
				this.calls.call("queued", Duration.ofSeconds(5), () -> 1);
			}
			catch (StorageUnavailableException ex) {
				// released in close()
			}
		});
		queued.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> queued.getState() == Thread.State.TIMED_WAITING);
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> this.calls.call("x", Duration.ofSeconds(5), () -> 1))
			.withMessageContaining("too many calls in flight");
	}

}
