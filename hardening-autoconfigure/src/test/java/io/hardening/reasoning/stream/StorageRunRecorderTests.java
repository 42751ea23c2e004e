package io.hardening.reasoning.stream;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StorageRunRecorder}.
 */
class StorageRunRecorderTests {

	private final AtomicInteger failures = new AtomicInteger();

	private final ReasoningStreamListener listener = new ReasoningStreamListener() {

		@Override
		public void runRecordFailed(Throwable failure) {
			StorageRunRecorderTests.this.failures.incrementAndGet();
		}

	};

	@Test
	void recordIsStoredUnderTheRunIdWithoutBlockingTheCaller() {
		SlowStorage storage = new SlowStorage();
		StorageRunRecorder recorder = new StorageRunRecorder(new ReactiveExperimentStorage(storage),
				JsonMapper.shared(), this.listener);
		long started = System.nanoTime();
		recorder.record(record());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		storage.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> storage.storedId != null);
		assertThat(storage.storedId).isEqualTo("run-1");
		assertThat(storage.storedResult.get("outcome").asString()).isEqualTo("complete");
		assertThat(storage.storedMetadata.get("query").asString()).isEqualTo("q?");
	}

	@Test
	void flushWaitsForSavesUnderWayUpToItsTimeout() throws InterruptedException {
		SlowStorage storage = new SlowStorage();
		StorageRunRecorder recorder = new StorageRunRecorder(new ReactiveExperimentStorage(storage),
				JsonMapper.shared(), this.listener);
		recorder.record(record());
		long started = System.nanoTime();
		recorder.flush(Duration.ofMillis(300));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
		assertThat(storage.storedId).isNull();
		Thread releaser = new Thread(() -> storage.release.countDown());
		releaser.start();
		recorder.flush(Duration.ofSeconds(10));
		assertThat(storage.storedId).isEqualTo("run-1");
		releaser.join(TimeUnit.SECONDS.toMillis(5));
	}

	@Test
	void failedSaveIsCountedNeverThrown() {
		SlowStorage storage = new SlowStorage();
		storage.fail = true;
		storage.release.countDown();
		StorageRunRecorder recorder = new StorageRunRecorder(new ReactiveExperimentStorage(storage),
				JsonMapper.shared(), this.listener);
		recorder.record(record());
		recorder.flush(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.failures.get() == 1);
	}

	private static RunRecord record() {
		return new RunRecord("run-1", "req-1", "q?", Instant.now(), 12, StreamOutcome.COMPLETE, null,
				new RunRecord.ModelResult("f", "a", 5L, 1L, null), new RunRecord.ModelResult("p", "b", 12L, 2L, null));
	}

	static final class SlowStorage implements ExperimentStorage {

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean fail;

		volatile String storedId;

		volatile JsonNode storedResult;

		volatile JsonNode storedMetadata;

		@Override
		public URI store(String id, JsonNode result, JsonNode metadata) {
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.fail) {
				throw new StorageUnavailableException("disk gone", null);
			}
			this.storedResult = result;
			this.storedMetadata = metadata;
			this.storedId = id;
			return URI.create("file:///tmp/" + id);
		}

		@Override
		public Optional<StoredExperiment> get(String id) {
			return Optional.empty();
		}

		@Override
		public List<StoredExperiment> list(int limit, int offset) {
			return List.of();
		}

		@Override
		public boolean delete(String id) {
			return false;
		}

	}

}
