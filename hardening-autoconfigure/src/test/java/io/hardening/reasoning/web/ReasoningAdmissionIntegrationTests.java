package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.Map;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams refused before they start, over real HTTP: JSON errors with the codes SPEC
 * names.
 */
@ExtendWith(BlockHoundInstalled.class)
class ReasoningAdmissionIntegrationTests {

	@Nested
	@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.pro-latency=5s",
					"hardening.reasoning.max-concurrent-streams=1", "hardening.storage.enabled=false" })
	@AutoConfigureWebTestClient(timeout = "10s")
	class TooManyStreams {

		@Autowired
		private WebTestClient client;

		@Test
		void streamAboveTheCapGets429WithRetryAfter() {
			Disposable first = this.client.get()
				.uri("/api/reasoning/query?query=first")
				.exchange()
				.returnResult(String.class)
				.getResponseBody()
				.subscribe();
			try {
				this.client.post()
					.uri("/api/reasoning/query")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("query", "second"))
					.exchange()
					.expectStatus()
					.isEqualTo(429)
					.expectHeader()
					.exists("Retry-After")
					.expectBody()
					.jsonPath("$.code")
					.isEqualTo("too_many_streams");
			}
			finally {
				first.dispose();
			}
		}

	}

	@Nested
	@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.init-failures=1000",
					"hardening.storage.enabled=false" })
	@AutoConfigureWebTestClient(timeout = "10s")
	class ModelsNotInitialized {

		@Autowired
		private WebTestClient client;

		@Test
		void streamGets503BeforeStreaming() {
			this.client.get()
				.uri("/api/reasoning/query?query=hello")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody()
				.json("{\"error\":\"AI service unavailable\",\"code\":\"vertex_not_initialized\"}");
		}

	}

	@Nested
	@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"hardening.reasoning.provider=vertex", "hardening.reasoning.vertex.project-id=",
					"hardening.storage.enabled=false" })
	@AutoConfigureWebTestClient(timeout = "10s")
	class VertexWithoutProject {

		@Autowired
		private WebTestClient client;

		@Test
		void postGets503WithTheSanitizedInitFailureReason() {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> this.client.post()
					.uri("/api/reasoning/query")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"query\":\"hello\"}")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectBody()
					.jsonPath("$.error")
					.isEqualTo("AI service unavailable")
					.jsonPath("$.code")
					.isEqualTo("vertex_not_initialized")
					.jsonPath("$.reason")
					.value((reason) -> assertThat((String) reason).containsIgnoringCase("project")));
		}

	}

}
