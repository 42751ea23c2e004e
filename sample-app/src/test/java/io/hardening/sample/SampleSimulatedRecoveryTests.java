package io.hardening.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * A model client whose first initialization attempts fail recovers by itself: readiness
 * comes back and the retry count returns to zero.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.init-failures=3",
				"hardening.init.retry.initial-interval=2s", "hardening.init.retry.max-interval=4s" })
@AutoConfigureWebTestClient(timeout = "30s")
// A fresh app for each attempt: when a start slower than the failing window makes the
// first check fail, Surefire's rerun must not reuse the cached app that has recovered.
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class SampleSimulatedRecoveryTests {

	private static final String VERTEX = "$.components.init.components.vertexAi";

	@Autowired
	private WebTestClient client;

	// Three failed attempts, 2 s and then 4 s apart: about 10 s of 503 (5 s was too
	// short for a start at a load of 20), so that a slow start on a busy machine still
	// sees the component not ready.
	@Test
	void notReadyWhileInitFailsThenRecoversByItself() {
		this.client.get().uri("/ready").exchange().expectStatus().isEqualTo(503);
		this.client.get().uri("/live").exchange().expectStatus().isOk();
		// A status read, not an assertion, per poll: a failed WebTestClient assertion
		// logs an ERROR each time.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.client.get()
				.uri("/ready")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath(VERTEX + ".status")
			.isEqualTo("UP")
			.jsonPath(VERTEX + ".details.retryCount")
			.isEqualTo(0)
			.jsonPath(VERTEX + ".details.lastError")
			.doesNotExist()
			.jsonPath(VERTEX + ".details.lastSuccess")
			.isNotEmpty();
	}

}
