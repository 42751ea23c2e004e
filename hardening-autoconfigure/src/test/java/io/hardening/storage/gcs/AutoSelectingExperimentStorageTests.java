package io.hardening.storage.gcs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import io.hardening.storage.AutoSelectingExperimentStorage;
import io.hardening.storage.StorageBackgroundWork;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-mode decision: no bucket, a bucket that is unreachable, a host that accepts
 * connections and never answers, and a bucket that answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class AutoSelectingExperimentStorageTests {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMillis(800);

	@TempDir
	Path root;

	private final ThreadPoolTaskScheduler scheduler = StorageBackgroundWork
		.newScheduler(new ThreadPoolTaskSchedulerBuilder());

	private final List<String> checkThreads = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutDownScheduler() {
		this.scheduler.shutdown();
	}

	private FilesystemExperimentStorage filesystem() {
		return new FilesystemExperimentStorage(this.root.resolve("data"), documents());
	}

	private Supplier<SpoolingExperimentStorage> gcs(String host, String bucket) {
		return () -> {
			GcsExperimentStorage remote = new GcsExperimentStorage(() -> GcsTestStorage.client(host), bucket, "",
					documents(), GcsTestStorage.guard());
			return new SpoolingExperimentStorage(remote, () -> {
				this.checkThreads.add(Thread.currentThread().getName());
				remote.checkBucket();
			}, new FilesystemExperimentStorage(this.root.resolve("spool"), documents()), true);
		};
	}

	@Test
	void decideWithoutBucketUsesFilesystemWithReason() {
		AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(null, filesystem(),
				"hardening.storage.gcs.bucket is not set", STARTUP_TIMEOUT, this.scheduler);
		assertThat(storage.status().backend()).isEqualTo(StorageStatus.DECIDING);
		storage.store("exp-1", json("{}"), json("{}"));
		StorageStatus status = storage.status();
		assertThat(status.backend()).isEqualTo("filesystem");
		assertThat(status.fallbackReason()).isEqualTo("hardening.storage.gcs.bucket is not set");
		assertThat(status.fallbackActive()).isTrue();
		assertThat(this.root.resolve("data/exp-1/record.json")).exists();
	}

	@Test
	void decideWhenBucketUnreachableFallsBackToFilesystem() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(
				gcs("http://127.0.0.1:" + port, "bucket"), filesystem(), null, STARTUP_TIMEOUT, this.scheduler);
		storage.decide().join();
		assertThat(storage.status().backend()).isEqualTo("filesystem");
		assertThat(storage.status().fallbackReason()).isNotBlank();
	}

	@Test
	void decideWhenHostNeverAnswersComesBackWithinStartupTimeout() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(
					gcs("http://127.0.0.1:" + silent.getLocalPort(), "bucket"), filesystem(), null, STARTUP_TIMEOUT,
					this.scheduler);
			long start = System.nanoTime();
			storage.store("exp-1", json("{}"), json("{}"));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isLessThan(STARTUP_TIMEOUT.plusMillis(700));
			assertThat(storage.status().backend()).isEqualTo("filesystem");
			assertThat(storage.status().fallbackReason()).contains("startup-timeout");
		}
	}

	@Test
	void decideWhenBucketAnswersUsesGcs() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "bucket"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			assertThat(storage.store("exp-1", json("{}"), json("{}"))).hasToString("gs://bucket/exp-1/record.json");
			assertThat(storage.status().backend()).isEqualTo("gcs");
			assertThat(storage.status().fallbackReason()).isNull();
			assertThat(storage.decide().join().storage()).isInstanceOf(SpoolingExperimentStorage.class);
			assertThat(server.creations("exp-1/record.json")).isEqualTo(1);
		}
	}

	@Test
	void decideWhenBucketMissingLogsOneWarn(CapturedOutput output) throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "missing"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			storage.decide().join();
			storage.store("exp-1", json("{}"), json("{}"));
			// Only the storage's own lines: other tests' contexts may still log.
			assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains("WARN") && line.contains("ExperimentStorage"))).hasSize(1);
			assertThat(output).contains("Storage falls back to the filesystem");
		}
	}

	@Test
	void fallbackShowsRecordsAnEarlierRunSpooledForGcs() throws IOException {
		FilesystemExperimentStorage leftOver = new FilesystemExperimentStorage(this.root.resolve("spool"), documents());
		leftOver.store("spooled-earlier", json("{\"n\":1}"), json("{}"));
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "missing"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			storage.store("new", json("{}"), json("{}"));
			assertThat(storage.get("spooled-earlier").orElseThrow().uri())
				.hasToString("gs://missing/spooled-earlier/record.json");
			assertThat(storage.list(10, 0)).extracting(StoredExperiment::id)
				.containsExactlyInAnyOrder("new", "spooled-earlier");
			assertThat(storage.delete("spooled-earlier")).isTrue();
			assertThat(storage.get("spooled-earlier")).isEmpty();
		}
	}

	@Test
	void decideWhenBucketMissingFallsBackWithReason() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "missing"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			storage.decide().join();
			assertThat(storage.status().backend()).isEqualTo("filesystem");
			assertThat(storage.status().fallbackReason()).contains("'missing' does not exist");
		}
	}

	@Test
	void fallbackReplaysLeftOverSpoolOnceGcsAnswersAndKeepsItReadable() throws IOException {
		FilesystemExperimentStorage leftOver = new FilesystemExperimentStorage(this.root.resolve("spool"), documents());
		leftOver.store("spooled-earlier", json("{\"n\":1}"), json("{\"m\":1}"));
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			server.setFailing(true);
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "bucket"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			storage.decide().join();
			assertThat(storage.status().backend()).isEqualTo("filesystem");
			storage.store("new", json("{}"), json("{}"));
			assertThat(storage.replayRound()).isEqualTo(ReplayRound.IDLE);
			assertThat(storage.status().pendingReplay()).isEqualTo(1);
			server.setFailing(false);
			ReplayRound round = storage.replayRound();
			assertThat(round.delivered()).isEqualTo(1);
			assertThat(server.creations("spooled-earlier/record.json")).isEqualTo(1);
			assertThat(leftOver.idsOldestFirst()).isEmpty();
			assertThat(storage.status().pendingReplay()).isZero();
			// Still readable, now from GCS, while the filesystem goes on serving.
			StoredExperiment replayed = storage.get("spooled-earlier").orElseThrow();
			assertThat(replayed.result()).isEqualTo(json("{\"n\":1}"));
			assertThat(replayed.uri()).hasToString("gs://bucket/spooled-earlier/record.json");
			assertThat(storage.list(10, 0)).extracting(StoredExperiment::id)
				.containsExactlyInAnyOrder("new", "spooled-earlier");
			assertThat(storage.store("spooled-earlier", json("{\"n\":1}"), json("{\"m\":1}")))
				.hasToString("gs://bucket/spooled-earlier/record.json");
			assertThat(storage.store("new-2", json("{}"), json("{}")).getScheme()).isEqualTo("file");
			assertThat(storage.replayRound()).isEqualTo(ReplayRound.IDLE);
			assertThat(storage.delete("spooled-earlier")).isTrue();
			assertThat(server.objectNames()).doesNotContainKey("spooled-earlier/record.json");
			assertThat(storage.get("spooled-earlier")).isEmpty();
		}
	}

	@Test
	void bucketCheckOfTheDecisionRunsOnTheStoragesScheduler() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "bucket"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			assertThat(storage.decide().join().fallbackReason()).isNull();
			assertThat(this.checkThreads).singleElement()
				.satisfies((name) -> assertThat(name).startsWith(StorageBackgroundWork.THREAD_NAME_PREFIX));
		}
	}

	@Test
	void decisionAfterTheSchedulerShutDownFallsBackWithoutWaiting() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			this.scheduler.shutdown();
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "bucket"),
					filesystem(), null, Duration.ofSeconds(5), this.scheduler);
			storage.store("exp-1", json("{}"), json("{}"));
			assertThat(storage.status().backend()).isEqualTo("filesystem");
			assertThat(storage.status().fallbackReason()).contains("shutting down");
			assertThat(this.checkThreads).isEmpty();
			assertThat(server.requestCount()).isZero();
		}
	}

	@Test
	@Timeout(10) // without the bound, the store would wait forever
	void decisionWhoseTasksTheShutdownDroppedStillEndsWithinTheStartupTimeout() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			// Both threads busy: the check and its timeout wait in the queue, and the
			// shutdown drops them.
			CountDownLatch busy = new CountDownLatch(2);
			for (int i = 0; i < 2; i++) {
				this.scheduler.execute(() -> {
					busy.countDown();
					try {
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs(server.url(), "bucket"),
					filesystem(), null, Duration.ofMillis(300), this.scheduler);
			await().atMost(Duration.ofSeconds(5)).until(() -> busy.getCount() == 0);
			storage.decide();
			this.scheduler.shutdown();
			long start = System.nanoTime();
			storage.store("exp-1", json("{}"), json("{}"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 1000 + 1500));
			assertThat(storage.status().backend()).isEqualTo("filesystem");
			assertThat(storage.status().fallbackReason()).contains("shutting down");
			assertThat(this.checkThreads).isEmpty();
		}
	}

}
