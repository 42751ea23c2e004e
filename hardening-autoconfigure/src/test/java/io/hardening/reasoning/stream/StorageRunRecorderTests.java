package io.hardening.reasoning.stream;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
		StorageRunRecorder recorder = recorder(storage);
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
	void flushGivesUpAfterItsTimeoutWhileASaveIsUnderWay() {
		SlowStorage storage = new SlowStorage();
		StorageRunRecorder recorder = recorder(storage);
		recorder.record(record("run-1"));
		long started = System.nanoTime();
		recorder.flush(Duration.ofMillis(300));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(290),
				Duration.ofSeconds(5));
		assertThat(storage.stored).isEmpty();
		storage.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> storage.stored.contains("run-1"));
	}

	@Test
	void flushReturnsOnceTheSaveUnderWayIsDone() {
		SlowStorage storage = new SlowStorage();
		StorageRunRecorder recorder = recorder(storage);
		recorder.record(record("run-1"));
		CompletableFuture<List<String>> flushed = CompletableFuture.supplyAsync(() -> {
			recorder.flush(Duration.ofSeconds(30));
			return List.copyOf(storage.stored);
		});
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !flushed.isDone());
		storage.release.countDown();
		// Long before its 30s: the save ended, and flush saw it done.
		assertThat(flushed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(List.of("run-1"));
	}

	@Test
	void flushAlsoWaitsForASaveThatStartsWhileItWaits() {
		SlowStorage storage = new SlowStorage();
		CountDownLatch secondRelease = new CountDownLatch(1);
		storage.releases.put("run-2", secondRelease);
		StorageRunRecorder recorder = recorder(storage);
		recorder.record(record("run-1"));
		CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> recorder.flush(Duration.ofSeconds(30)));
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !flushed.isDone());
		recorder.record(record("run-2"));
		storage.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> storage.stored.contains("run-1"));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !flushed.isDone());
		secondRelease.countDown();
		assertThat(flushed).succeedsWithin(Duration.ofSeconds(5));
		assertThat(storage.stored).containsExactlyInAnyOrder("run-1", "run-2");
	}

	@Test
	void interruptedFlushReturnsAndKeepsTheInterrupt() {
		SlowStorage storage = new SlowStorage();
		StorageRunRecorder recorder = recorder(storage);
		recorder.record(record("run-1"));
		CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> {
			Thread.currentThread().interrupt();
			recorder.flush(Duration.ofSeconds(30));
			return Thread.interrupted();
		});
		assertThat(flushed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
		storage.release.countDown();
	}

	@Test
	void failedSaveIsCountedNeverThrown() {
		SlowStorage storage = new SlowStorage();
		storage.fail = true;
		storage.release.countDown();
		StorageRunRecorder recorder = recorder(storage);
		recorder.record(record());
		recorder.flush(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.failures.get() == 1);
	}

	private StorageRunRecorder recorder(SlowStorage storage) {
		return new StorageRunRecorder(new ReactiveExperimentStorage(storage), JsonMapper.shared(), this.listener);
	}

	private static RunRecord record() {
		return record("run-1");
	}

	private static RunRecord record(String id) {
		return new RunRecord(id, "req-1", "q?", Instant.now(), 12, StreamOutcome.COMPLETE, null,
				new RunRecord.ModelResult("f", "a", 5L, 1L, null), new RunRecord.ModelResult("p", "b", 12L, 2L, null));
	}

	static final class SlowStorage implements ExperimentStorage {

		final CountDownLatch release = new CountDownLatch(1);

		// A save of an id listed here waits on its own latch instead of release.
		final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

		final Set<String> stored = ConcurrentHashMap.newKeySet();

		volatile boolean fail;

		volatile String storedId;

		volatile JsonNode storedResult;

		volatile JsonNode storedMetadata;

		@Override
		public URI store(String id, JsonNode result, JsonNode metadata) {
			try {
				this.releases.getOrDefault(id, this.release).await(10, TimeUnit.SECONDS);
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
			this.stored.add(id);
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
