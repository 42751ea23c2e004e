package io.hardening.storage.gcs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.BoundedCalls;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.SpoolingExperimentStorage;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spool and replay against {@link FakeGcsServer}: GCS fails, writes keep succeeding, GCS
 * returns, every record arrives exactly once.
 */
class SpoolingExperimentStorageTests {

	@TempDir
	Path spoolPath;

	private FakeGcsServer server;

	private BoundedCalls calls;

	private SpoolingExperimentStorage storage;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeGcsServer("bucket");
		this.calls = new BoundedCalls("test-gcs-", 4);
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents());
		this.storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath, documents()), this.calls, Duration.ofSeconds(3), true);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.calls.close();
	}

	@Test
	void storeWhenGcsAnswersWritesToGcsOnly() {
		assertThat(this.storage.store("exp-1", json("{}"), json("{}"))).hasToString("gs://bucket/exp-1/result.json");
		assertThat(this.server.creations("exp-1/result.json")).isEqualTo(1);
		assertThat(this.storage.getSpool().list(10, 0)).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
		assertThat(this.storage.status().fallbackActive()).isFalse();
	}

	@Test
	void storeWhenGcsFailsSpoolsAndReplayDeliversEachRecordExactlyOnce() {
		this.storage.store("before", json("{\"n\":0}"), json("{}"));
		this.server.setFailing(true);
		for (int i = 1; i <= 3; i++) {
			assertThat(this.storage.store("exp-" + i, json("{\"n\":" + i + "}"), json("{}")))
				.hasToString("gs://bucket/exp-" + i + "/result.json");
		}
		assertThat(this.storage.status().pendingReplay()).isEqualTo(3);
		assertThat(this.storage.status().fallbackActive()).isTrue();
		assertThat(this.storage.status().lastError()).contains("went to the spool");
		// Reads and listings see spooled records while GCS is down.
		assertThat(this.storage.get("exp-2").orElseThrow().result()).isEqualTo(json("{\"n\":2}"));
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-3", "exp-2", "exp-1");
		// Identical retry is fine, a different one conflicts, even in the spool.
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"n\":9}"), json("{}")));
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.status().pendingReplay()).isEqualTo(3);

		this.server.setFailing(false);
		assertThat(this.storage.replayPending()).isEqualTo(3);
		assertThat(this.storage.replayPending()).isZero();
		for (int i = 1; i <= 3; i++) {
			assertThat(this.server.creations("exp-" + i + "/result.json")).isEqualTo(1);
		}
		assertThat(this.server.objectNames()).containsEntry("exp-2/result.json", "{\"n\":2}");
		assertThat(this.storage.getSpool().list(10, 0)).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
		assertThat(this.storage.status().fallbackActive()).isFalse();
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-3", "exp-2", "exp-1", "before");
		// After replay, writes go to GCS directly again.
		this.storage.store("after", json("{}"), json("{}"));
		assertThat(this.server.creations("after/result.json")).isEqualTo(1);
	}

	@Test
	void storeWhenGcsNeverAnswersSpoolsWithinWriteTimeoutAndThenSpoolsAtOnce() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsClients
				.create("http://127.0.0.1:" + silent.getLocalPort(), null, null, Duration.ofSeconds(30)), "bucket", "",
					documents());
			SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
					new FilesystemExperimentStorage(this.spoolPath.resolve("silent"), documents()), this.calls,
					Duration.ofMillis(500), true);
			long start = System.nanoTime();
			storage.store("exp-1", json("{}"), json("{}"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
			start = System.nanoTime();
			storage.store("exp-2", json("{}"), json("{}"));
			// The circuit is open: no second wait on GCS.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
			assertThat(storage.status().pendingReplay()).isEqualTo(2);
			assertThat(storage.status().lastError()).contains("did not answer within 500ms");
		}
	}

	@Test
	void replayOfRecordAlreadyInGcsCountsAsDelivered() {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		this.server.setFailing(false);
		// A late write that reached GCS after the timeout: same content already there.
		this.server.put("exp-1/result.json", "{\"n\":1}");
		this.server.put("exp-1/metadata.json", "{}");
		assertThat(this.storage.replayPending()).isEqualTo(1);
		assertThat(this.server.creations("exp-1/result.json")).isEqualTo(1);
		assertThat(this.storage.status().pendingReplay()).isZero();
	}

	@Test
	void replayOfRecordThatConflictsInGcsStaysInSpool() {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		this.server.setFailing(false);
		this.server.put("exp-1/result.json", "{\"n\":2}");
		this.server.put("exp-1/metadata.json", "{}");
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.status().pendingReplay()).isEqualTo(1);
		assertThat(this.storage.status().lastError()).contains("Cannot replay 'exp-1'");
		assertThat(this.storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"n\":1}"));
		assertThat(this.server.objectNames()).containsEntry("exp-1/result.json", "{\"n\":2}");
	}

	@Test
	void notReadyStorageSpoolsUntilRemoteCheckSucceeds() {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents());
		SpoolingExperimentStorage notReady = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath.resolve("other"), documents()), this.calls,
				Duration.ofSeconds(3), false);
		notReady.store("exp-1", json("{}"), json("{}"));
		assertThat(notReady.status().ready()).isFalse();
		assertThat(this.server.creations("exp-1/result.json")).isZero();
		notReady.checkRemote();
		assertThat(notReady.isReady()).isTrue();
		assertThat(notReady.replayPending()).isEqualTo(1);
		assertThat(this.server.creations("exp-1/result.json")).isEqualTo(1);
	}

}
