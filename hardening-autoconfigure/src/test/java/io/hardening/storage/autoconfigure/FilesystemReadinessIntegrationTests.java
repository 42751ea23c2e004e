package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness in filesystem mode means a write can succeed now: on a disk that refuses
 * writes the store answers 503 and {@code /ready} turns 503 with the reason in health;
 * once the disk takes writes again the background check turns it 200 within a replay
 * interval, though no write arrives meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.storage.mode=filesystem", "hardening.storage.replay-interval=200ms",
				"hardening.reasoning.provider=simulated" })
@AutoConfigureWebTestClient(timeout = "20s")
class FilesystemReadinessIntegrationTests {

	private static final Path root = AppProbes.tempDirectory("filesystem-ready-it");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void storageProperties(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> root.resolve("data").toString());
	}

	@Test
	void diskThatRefusesWritesTakesTheAppOutOfReadinessUntilWritesSucceedAgain() throws IOException {
		await().atMost(Duration.ofSeconds(5)).until(() -> AppProbes.readyStatus(this.client) == 200);
		// A file where the storage folder should be: every write fails, as on a read-only
		// or full disk.
		Path data = Files.writeString(root.resolve("data"), "not a folder");
		this.client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"exp-1\",\"result\":{},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("storage_unavailable");
		assertThat(AppProbes.readyStatus(this.client)).isEqualTo(503);
		JsonNode storage = AppProbes.health(this.client).at("/components/storage");
		assertThat(storage.at("/status").asString()).isEqualTo("DOWN");
		assertThat(storage.at("/details/lastError").asString()).startsWith("Could not write experiment 'exp-1'");
		Files.delete(data);
		await().atMost(Duration.ofSeconds(5)).until(() -> AppProbes.readyStatus(this.client) == 200);
		assertThat(AppProbes.health(this.client).at("/components/storage/details/lastError").isMissingNode()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
