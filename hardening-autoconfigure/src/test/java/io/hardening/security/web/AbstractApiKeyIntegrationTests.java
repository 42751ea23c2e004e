package io.hardening.security.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every web stack must do with two API keys configured, over real HTTP: the
 * application's API needs one of them, probes and Actuator never do.
 */
@TestPropertySource(properties = { "server.address=127.0.0.1", "hardening.reasoning.provider=simulated",
		"hardening.reasoning.simulated.flash-latency=10ms", "hardening.reasoning.simulated.pro-latency=10ms",
		"hardening.storage.mode=filesystem", "hardening.security.api-keys=" + AbstractApiKeyIntegrationTests.OLD_KEY
				+ "," + AbstractApiKeyIntegrationTests.NEW_KEY })
abstract class AbstractApiKeyIntegrationTests {

	static final String OLD_KEY = "old-key-2b7e151628aed2a6";

	static final String NEW_KEY = "new-key-abf7158809cf4f3c";

	@TempDir
	static Path root;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> root.toString());
	}

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void storageWithoutKeyIs401WithChallenge() {
		this.client.get()
			.uri("/api/storage/experiments")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("api_key_missing")
			.jsonPath("$.error")
			.isNotEmpty();
	}

	@Test
	void storageWithWrongKeyIs401() {
		this.client.post()
			.uri("/api/storage/experiment")
			.header("X-API-Key", "wrong-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"refused\",\"result\":{},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.exists(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("api_key_invalid");
		assertThat(root.resolve("refused.json")).doesNotExist();
	}

	@Test
	void storageAcceptsEitherKey() {
		this.client.post()
			.uri("/api/storage/experiment")
			.header("X-API-Key", OLD_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"with-old-key\",\"result\":{},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/api/storage/experiments")
			.header("X-API-Key", NEW_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("with-old-key"));
	}

	@Test
	void encodedSpellingOfApiStillNeedsTheKey() {
		this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/%61pi/storage/experiments"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void reasoningNeedsTheKey() {
		this.client.get().uri("/api/reasoning/query?query=hi").exchange().expectStatus().isUnauthorized();
		this.client.post()
			.uri("/api/reasoning/query")
			.header("X-API-Key", "wrong-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		for (String key : List.of(OLD_KEY, NEW_KEY)) {
			String stream = this.client.get()
				.uri("/api/reasoning/query?query=hi")
				.header("X-API-Key", key)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(stream).contains("event:start").contains("event:complete");
		}
	}

	@Test
	void probesAndPrometheusNeverNeedTheKey() {
		for (String path : List.of("/live", "/ready", "/health", "/healthz", "/actuator/health",
				"/actuator/prometheus")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(path).isIn(200, 503));
		}
	}

	@Test
	void adminWritesStayWithTheAdminGuard() {
		// No admin token is configured: refused by the admin guard, whatever the API key.
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header("X-API-Key", NEW_KEY)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("admin_token_not_configured");
	}

}
