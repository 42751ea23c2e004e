package io.hardening.storage.gcs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the storage, as two replicas would run it, share one bucket whose
 * uploads take a second to land; one instance's clock runs two minutes ahead. Twenty
 * writers store different content under five ids at random moments.
 */
class SharedBucketConcurrencyTests {

	private static final int WRITERS = 20;

	private static final int IDS = 5;

	@TempDir
	Path spools;

	private FakeGcsServer server;

	private ScheduledExecutorService writers;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeGcsServer("bucket");
		this.server.gates().delayUploads(Duration.ofSeconds(1));
		this.writers = Executors.newScheduledThreadPool(WRITERS);
	}

	@AfterEach
	void stop() {
		this.writers.shutdownNow();
		this.server.close();
	}

	@Test
	void everyAcknowledgedWriteIsWhatAReadReturnsWholeAndFromOneWriter() throws Exception {
		Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
		SpoolingExperimentStorage[] instances = { instance("a", Clock.systemUTC()), instance("b", ahead) };
		Random random = new Random();
		long seed = random.nextLong();
		random.setSeed(seed);
		List<Future<Write>> writes = new ArrayList<>();
		for (int writer = 0; writer < WRITERS; writer++) {
			String id = "exp-" + (writer % IDS);
			SpoolingExperimentStorage instance = instances[random.nextInt(instances.length)];
			long delayMillis = random.nextInt(1500);
			JsonNode content = json("{\"writer\":" + writer + ",\"id\":\"" + id + "\"}");
			// Each write starts at a random moment within a second and a half.
			writes.add(this.writers.schedule(() -> {
				try {
					boolean spooled = instance.storeRecord(id, content, content).spooled();
					return new Write(id, content, true, spooled);
				}
				catch (ExperimentConflictException ex) {
					return new Write(id, content, false, false);
				}
			}, delayMillis, TimeUnit.MILLISECONDS));
		}
		List<Write> outcomes = new ArrayList<>();
		for (Future<Write> write : writes) {
			outcomes.add(awaitWithoutDeadlock(write));
		}
		Map<String, JsonNode> acknowledged = new HashMap<>();
		for (Write write : outcomes) {
			assertThat(write.spooled()).as("seed %d: nothing waits on GCS past its limit", seed).isFalse();
			if (write.acknowledged()) {
				JsonNode earlier = acknowledged.putIfAbsent(write.id(), write.content());
				assertThat(earlier).as("seed %d: one acknowledged content for %s", seed, write.id()).isNull();
			}
		}
		assertThat(acknowledged).as("seed %d: every id has its winner", seed).hasSize(IDS);
		for (SpoolingExperimentStorage instance : instances) {
			for (Map.Entry<String, JsonNode> winner : acknowledged.entrySet()) {
				StoredExperiment stored = instance.get(winner.getKey()).orElseThrow();
				assertThat(stored.result()).as("seed %d", seed).isEqualTo(winner.getValue());
				assertThat(stored.metadata()).as("seed %d: result and metadata of one writer", seed)
					.isEqualTo(winner.getValue());
			}
			assertThat(instance.list(100, 0)).extracting(StoredExperiment::id)
				.as("seed %d: each record listed once", seed)
				.containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
			assertThat(instance.getSpool().list(100, 0)).as("seed %d: no spool holds anything", seed).isEmpty();
		}
	}

	private SpoolingExperimentStorage instance(String name, Clock clock) {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard(Duration.ofSeconds(5)), Runnable::run, clock);
		return new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spools.resolve(name), documents()), true, clock,
				Duration.ofMinutes(1));
	}

	private static <T> T awaitWithoutDeadlock(Future<T> future) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try {
				return future.get(500, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).as("deadlocked threads")
					.isNull();
				assertThat(System.nanoTime()).as("writes finish within a minute").isLessThan(deadline);
			}
		}
	}

	private record Write(String id, JsonNode content, boolean acknowledged, boolean spooled) {

	}

}
