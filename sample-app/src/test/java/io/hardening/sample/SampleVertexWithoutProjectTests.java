package io.hardening.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure users meet today: Vertex AI selected, no project and no credentials. The
 * app must start, stay live, report why it is not ready, and keep retrying.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "hardening.reasoning.provider=vertex", "hardening.reasoning.vertex.project-id=",
				"hardening.init.retry.initial-interval=100ms", "hardening.init.retry.max-interval=200ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class SampleVertexWithoutProjectTests {

	private static final String VERTEX = "$.components.init.components.vertexAi";

	@Autowired
	private WebTestClient client;

	@Test
	void appStartsLiveButNotReadyAndSaysWhy() {
		this.client.get().uri("/live").exchange().expectStatus().isOk();
		this.client.get().uri("/ready").exchange().expectStatus().isEqualTo(503);
		int first = retryCount();
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath(VERTEX + ".status")
			.isEqualTo("DOWN")
			.jsonPath(VERTEX + ".details.initialized")
			.isEqualTo(false)
			.jsonPath(VERTEX + ".details.lastError")
			.value((String error) -> assertThat(error).contains("hardening.reasoning.vertex.project-id"))
			.jsonPath(VERTEX + ".details.lastAttempt")
			.isNotEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> retryCount() > first);
	}

	private int retryCount() {
		int[] count = new int[1];
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath(VERTEX + ".details.retryCount")
			.value((Integer value) -> count[0] = value);
		return count[0];
	}

}
