package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole reactive application in gcs mode against {@link FakeGcsServer}: not ready while
 * the bucket fails, writes keep succeeding into the spool, and once GCS answers the app
 * turns ready and every record arrives in GCS exactly once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket", "hardening.storage.gcs.prefix=it/",
				"hardening.storage.gcs.write-timeout=2s", "hardening.storage.replay-interval=200ms",
				// Only storage gates readiness here: the model client is simulated and
				// ready.
				"hardening.reasoning.provider=simulated" })
@AutoConfigureWebTestClient(timeout = "20s")
@ExtendWith(BlockHoundInstalled.class)
class StorageApplicationIntegrationTests {

	private static final FakeGcsServer server = startServer();

	private static final Path root = tempDirectory();

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

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
	void gcsOutageSpoolsWritesGatesReadinessAndReplaysExactlyOnce() {
		// Reads, not assertions, per poll: a failed WebTestClient assertion logs an
		// ERROR.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "DOWN".equals(health().at("/components/storage/status").asString())
					&& !health().at("/components/storage/details/lastError").isMissingNode());
		this.client.get().uri("/ready").exchange().expectStatus().isEqualTo(503);
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.storage.details.backend")
			.isEqualTo("gcs")
			.jsonPath("$.components.storage.details.bucket")
			.isEqualTo("bucket");

		for (int i = 1; i <= 3; i++) {
			this.client.post()
				.uri("/api/storage/experiment")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"experiment_id\":\"exp-" + i + "\",\"result\":{\"i\":" + i + "},\"metadata\":{}}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.uri")
				.isEqualTo("gs://bucket/it/exp-" + i + "/record.json");
		}
		this.client.get()
			.uri("/api/storage/experiments/exp-2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.i")
			.isEqualTo(2);
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.storage.details.pendingReplay")
			.isEqualTo(3);

		server.setFailing(false);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get()
				.uri("/ready")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> health().at("/components/storage/details/pendingReplay").asInt(-1) == 0);
		for (int i = 1; i <= 3; i++) {
			assertThat(server.creations("it/exp-" + i + "/record.json")).isEqualTo(1);
		}
		this.client.get()
			.uri("/api/storage/experiments?limit=10")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.experiments[0].experiment_id")
			.isEqualTo("exp-3")
			.jsonPath("$.experiments.length()")
			.isEqualTo(3);
		// Bad input over a real server: 4xx JSON, nothing written anywhere.
		var before = server.objectNames();
		this.client.get()
			.uri(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/storage/experiments/%2e%2e"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_id");
		this.client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"../x\",\"result\":{},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"exp-1\",\"result\":{\"i\":9},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		assertThat(server.objectNames()).isEqualTo(before);
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((scrape) -> assertThat(scrape).contains("hardening_storage_replay_pending 0.0")
				.contains("hardening_storage_fallback_active 0.0")
				.contains("hardening_storage_operations_seconds_count{backend=\"gcs\",operation=\"store\""));
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

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("storage-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	private JsonNode health() {
		String body = this.client.get()
			.uri("/health")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

}
