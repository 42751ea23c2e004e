package io.hardening.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts the sample app as a user would, with no cloud credentials, and calls its probes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void readyAnswersUpWithoutCredentials() {
		this.client.get().uri("/ready").exchange().expectStatus().isOk().expectBody().json("{\"status\":\"UP\"}", true);
	}

	@Test
	void healthShowsComponentsWithoutDiscoveryNoise() {
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.readinessState.status")
			.isEqualTo("UP")
			.jsonPath("$.components.discoveryComposite")
			.doesNotExist();
	}

	@Test
	void prometheusIsExposed() {
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

}
