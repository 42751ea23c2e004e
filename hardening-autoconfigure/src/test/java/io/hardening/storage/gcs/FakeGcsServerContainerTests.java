package io.hardening.storage.gcs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same scenarios against the real fake-gcs-server image, where Docker exists. Skipped
 * cleanly without Docker.
 */
// The quiet check first: Testcontainers' own logs an ERROR on every machine without
// Docker, and JUnit stops at the first condition that disables a class.
@EnabledIf(value = "dockerMayBeThere", disabledReason = "no Docker socket and no DOCKER_HOST")
@Testcontainers(disabledWithoutDocker = true)
class FakeGcsServerContainerTests {

	static boolean dockerMayBeThere() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
	}

	@Container
	static final GenericContainer<?> gcs = new GenericContainer<>("fsouza/fake-gcs-server:1.52.2")
		.withCommand("-scheme", "http", "-backend", "memory")
		.withExposedPorts(4443);

	@TempDir
	Path spool;

	static String url() {
		return "http://" + gcs.getHost() + ":" + gcs.getMappedPort(4443);
	}

	@BeforeAll
	static void configure() throws Exception {
		// Resumable uploads answer with a Location on the external URL.
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url() + "/_internal/config"))
				.PUT(HttpRequest.BodyPublishers.ofString("{\"externalUrl\":\"" + url() + "\"}"))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.discarding());
		Storage client = GcsTestStorage.client(url());
		if (client.get("bucket") == null) {
			client.create(BucketInfo.of("bucket"));
		}
	}

	private GcsExperimentStorage storage(String prefix) {
		return new GcsExperimentStorage(() -> GcsTestStorage.client(url()), "bucket", prefix, documents(),
				GcsTestStorage.guard());
	}

	@Test
	void storeGetListAndConflict() {
		GcsExperimentStorage storage = storage("crud/");
		assertThat(storage.store("exp-1", json("{\"a\":1}"), json("{}")))
			.hasToString("gs://bucket/crud/exp-1/result.json");
		storage.store("exp-2", json("{\"a\":2}"), json("{}"));
		assertThat(storage.store("exp-1", json("{\"a\":1}"), json("{}"))).isNotNull();
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{\"a\":9}"), json("{}")));
		assertThat(storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"a\":1}"));
		assertThat(storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("exp-2", "exp-1");
		assertThat(storage.delete("exp-2")).isTrue();
	}

	@Test
	void spoolWhilePausedAndReplayAfterwards() {
		GcsExperimentStorage remote = storage("spool/");
		{
			SpoolingExperimentStorage storage = new SpoolingExperimentStorage(remote, remote::checkBucket,
					new FilesystemExperimentStorage(this.spool, documents()), true);
			gcs.getDockerClient().pauseContainerCmd(gcs.getContainerId()).exec();
			try {
				storage.store("exp-1", json("{\"a\":1}"), json("{}"));
				storage.store("exp-2", json("{\"a\":2}"), json("{}"));
				assertThat(storage.status().pendingReplay()).isEqualTo(2);
			}
			finally {
				gcs.getDockerClient().unpauseContainerCmd(gcs.getContainerId()).exec();
			}
			assertThat(storage.replayPending()).isEqualTo(2);
			assertThat(remote.list(10, 0)).extracting(StoredExperiment::id).containsExactly("exp-2", "exp-1");
			assertThat(storage.status().pendingReplay()).isZero();
		}
	}

}
