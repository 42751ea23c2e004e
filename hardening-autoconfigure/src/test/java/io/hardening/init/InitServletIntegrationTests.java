package io.hardening.init;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = InitTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				"hardening.init.retry.initial-interval=50ms", "hardening.init.retry.max-interval=100ms",
				"hardening.admin.token=s3cret-admin" })
class InitServletIntegrationTests {

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void failingComponentTurnsReadyTo503ButNotLive() {
		this.client.get().uri("/live").exchange().expectStatus().isOk();
		this.client.get().uri("/ready").exchange().expectStatus().isEqualTo(503);
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.init.components.vertexAi.details.initialized")
			.isEqualTo(false);
	}

	@Test
	void retryNeedsTheToken() {
		this.client.post().uri("/actuator/init/vertexAi").exchange().expectStatus().isUnauthorized();
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer wrong")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer s3cret-admin")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("failed");
	}

	@Test
	void endpointListsComponents() {
		this.client.get()
			.uri("/actuator/init")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.vertexAi")
			.exists();
	}

}
