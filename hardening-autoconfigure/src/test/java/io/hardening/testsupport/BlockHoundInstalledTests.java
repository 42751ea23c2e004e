package io.hardening.testsupport;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The guard the reactive tests run under ({@link BlockHoundInstalled},
 * {@link AllowedBlockingCalls}): on a thread that must never block, sleeping (the
 * blocking call itself, not a wait for something), waiting and file I/O fail, and taking
 * a contended lock does not.
 */
@ExtendWith(BlockHoundInstalled.class)
class BlockHoundInstalledTests {

	@Test
	void sleepingOnAParallelSchedulerThreadFails() {
		Mono<String> sleeping = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		});
		assertThatThrownBy(() -> sleeping.subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5)))
			.hasRootCauseInstanceOf(BlockingOperationError.class);
	}

	@Test
	void waitingOnALatchOnAParallelSchedulerThreadFails() {
		CountDownLatch latch = new CountDownLatch(1);
		Mono<Boolean> waiting = Mono.fromCallable(() -> {
			latch.await();
			return true;
		});
		assertThatThrownBy(() -> waiting.subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5)))
			.hasRootCauseInstanceOf(BlockingOperationError.class);
	}

	@Test
	void readingAFileOnAParallelSchedulerThreadFails(@TempDir Path folder) throws IOException {
		Path file = Files.writeString(folder.resolve("record.json"), "{}");
		Mono<Integer> reading = Mono.fromCallable(() -> {
			try (FileInputStream in = new FileInputStream(file.toFile())) {
				return in.read();
			}
		});
		assertThatThrownBy(() -> reading.subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5)))
			.hasRootCauseInstanceOf(BlockingOperationError.class);
	}

	@Test
	void takingAContendedLockOnAParallelSchedulerThreadIsAllowed() {
		ReentrantLock lock = new ReentrantLock();
		lock.lock();
		Mono<String> locking = Mono.fromCallable(() -> {
			lock.lock();
			try {
				return "locked";
			}
			finally {
				lock.unlock();
			}
		}).subscribeOn(Schedulers.parallel()).cache();
		try {
			locking.subscribe();
			// The parallel thread waits for the lock: it parked, and was let through.
			await().atMost(Duration.ofSeconds(5)).until(lock::hasQueuedThreads);
		}
		finally {
			lock.unlock();
		}
		assertThat(locking.block(Duration.ofSeconds(5))).isEqualTo("locked");
	}

}
