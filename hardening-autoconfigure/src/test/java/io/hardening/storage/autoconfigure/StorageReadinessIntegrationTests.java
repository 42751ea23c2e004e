package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.gcs.FakeGcsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness in gcs mode has one owner, the {@code storage} init component: when GCS is
 * down at start and comes back, the replay round that sees it answer has the component
 * checked at once, so {@code /ready} turns 200 within about one replay interval rather
 * than at the component's next backoff (ten minutes here).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
				"hardening.storage.gcs.write-timeout=1s", "hardening.storage.replay-interval=200ms",
				"hardening.init.retry.initial-interval=10m", "hardening.init.retry.max-interval=10m",
				"hardening.reasoning.provider=simulated" })
@AutoConfigureWebTestClient(timeout = "20s")
class StorageReadinessIntegrationTests {

	private static final FakeGcsServer server = startServer();

	private static final Path root = AppProbes.tempDirectory("storage-ready-it");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void storageProperties(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.gcs.host", server::url);
		registry.add("hardening.storage.filesystem.path", () -> root.resolve("data").toString());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void gcsBackAfterOutageAtStartMakesAppReadyWithinAReplayIntervalNotTheInitBackoff() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "FAILED".equals(
					AppProbes.health(this.client).at("/components/init/components/storage/details/state").asString()));
		assertThat(AppProbes.readyStatus(this.client)).isEqualTo(503);
		server.setFailing(false);
		long back = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).until(() -> AppProbes.readyStatus(this.client) == 200);
		assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
		JsonNode health = AppProbes.health(this.client);
		assertThat(health.at("/components/storage/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/init/components/storage/status").asString()).isEqualTo("UP");
	}

	private static FakeGcsServer startServer() {
		try {
			FakeGcsServer fake = new FakeGcsServer("bucket");
			fake.setFailing(true);
			return fake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
