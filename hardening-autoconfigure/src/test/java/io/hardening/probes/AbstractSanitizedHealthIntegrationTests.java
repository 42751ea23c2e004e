package io.hardening.probes;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every health answer on the main port masks the secrets in the details of every
 * contributor, the application's own included, and keeps the details' shape.
 */
abstract class AbstractSanitizedHealthIntegrationTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/healthz", "/actuator/health" })
	void healthShowsNoSecretOfAnyContributor(String path) {
		String body = get(path).expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).doesNotContain("s3cret", "abc.def.ghi", SanitizedHealthTestApplication.API_KEY)
			.contains("\"database\"", "\"cache\"", "\"models\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/healthz", "/actuator/health" })
	void exceptionDetailIsMaskedAndKeepsItsShape(String path) {
		get(path).expectBody()
			.jsonPath("$.components.database.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.database.details.error")
			.isEqualTo("java.lang.IllegalStateException: " + SanitizedHealthTestApplication.SANITIZED_FAILURE)
			.jsonPath("$.components.database.details.url")
			.isEqualTo("jdbc:postgresql://***@db:5432/x")
			.jsonPath("$.components.database.details.pool.active")
			.isEqualTo(3)
			.jsonPath("$.components.database.details.pool.replicas[0]")
			.isEqualTo("redis://***@cache:6379")
			.jsonPath("$.components.database.details.pool.replicas[1]")
			.isEqualTo("redis://cache-2:6379");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/healthz", "/actuator/health" })
	void reactiveAndNestedContributorsAreMasked(String path) {
		get(path).expectBody()
			.jsonPath("$.components.cache.details.error")
			.isEqualTo("NOAUTH for redis://***@cache:6379")
			.jsonPath("$.components.models.components.gemini.details.lastError")
			.isEqualTo("403 for key=***");
	}

	private WebTestClient.ResponseSpec get(String path) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri(path)
			.exchange();
	}

}
