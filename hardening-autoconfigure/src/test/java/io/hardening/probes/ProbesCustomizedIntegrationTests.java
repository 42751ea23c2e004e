package io.hardening.probes;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = ProbesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.probes.show-details=never", "hardening.probes.paths.health=/status",
				"hardening.probes.paths.healthz=", "hardening.probes.paths.ready=/readiness" })
class ProbesCustomizedIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void configuredPathsServeAndDetailsPolicyIsHonoured() {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(AbstractProbesIntegrationTests.RESPONSE_TIMEOUT)
			.build();
		client.get().uri("/status").exchange().expectStatus().isOk().expectBody().json("{\"status\":\"UP\"}", true);
		client.get().uri("/readiness").exchange().expectStatus().isOk();
		client.get().uri("/live").exchange().expectStatus().isOk();
		client.get().uri("/health").exchange().expectStatus().isNotFound();
		client.get().uri("/healthz").exchange().expectStatus().isNotFound();
		client.get().uri("/ready").exchange().expectStatus().isNotFound();
	}

}
