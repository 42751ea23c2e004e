package io.hardening.init;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = InitTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1" })
class InitEndpointWithoutTokenTests {

	@LocalServerPort
	private int port;

	@Test
	void writesAreRefusedWhenNoTokenIsConfigured() {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		client.post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer anything")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("admin_token_not_configured")
			.jsonPath("$.error")
			.value((String error) -> org.assertj.core.api.Assertions.assertThat(error)
				.contains("hardening.admin.token"));
		client.get().uri("/actuator/init/vertexAi").exchange().expectStatus().isOk();
	}

}
