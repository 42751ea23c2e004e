package io.hardening.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: with the sample's {@code application.yml}, a Pro model that always fails
 * opens its breaker within a demo's handful of streams (Resilience4j's defaults wait for
 * 100 calls): five streams reach the model and fail, the sixth gets {@code circuit_open}
 * without calling it, and {@code /health} says so.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "hardening.storage.filesystem.path=target/sample-breaker-storage",
				"hardening.reasoning.simulated.pro-failure-rate=1.0",
				"hardening.reasoning.simulated.flash-latency=10ms", "hardening.reasoning.simulated.pro-latency=10ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class SampleCircuitBreakerDemoTests {

	@Autowired
	private WebTestClient client;

	@Test
	void proBreakerOpensAfterFiveFailedStreams() {
		List<String> streams = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			streams.add(stream("demo " + i));
		}
		for (String stream : streams.subList(0, 5)) {
			assertThat(stream).contains("event:pro_failed", "\"code\":\"model_error\"").doesNotContain("circuit_open");
		}
		assertThat(streams.get(5)).contains("event:pro_failed", "\"code\":\"circuit_open\"", "event:complete");
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.circuitBreakers.details.pro.state")
			.isEqualTo("OPEN")
			.jsonPath("$.components.circuitBreakers.details.flash.state")
			.isEqualTo("CLOSED");
	}

	private String stream(String query) {
		return this.client.get()
			.uri((uri) -> uri.path("/api/reasoning/query").queryParam("query", query).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
