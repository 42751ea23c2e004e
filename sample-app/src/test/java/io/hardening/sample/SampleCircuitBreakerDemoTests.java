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
 * 100 calls): the first stream's three attempts and the second's reach the breaker's five
 * calls, later streams get {@code circuit_open} without calling the model, and
 * {@code /health} says so. Each attempt of the test (the build reruns a failed test in
 * the same cached context) starts from closed breakers ({@code ClosedCircuitBreakers}).
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
	void proBreakerOpensAfterFiveFailedCalls() {
		List<String> streams = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			streams.add(stream("demo " + i));
		}
		// Each stream makes up to three attempts (retry before the first token), each
		// counted by the breaker: the first stream fails on the model, and by the third
		// the breaker has seen its five calls and refuses at once.
		assertThat(streams.get(0)).contains("event:pro_failed", "\"code\":\"model_error\"")
			.doesNotContain("circuit_open");
		for (String stream : streams.subList(2, 6)) {
			assertThat(stream).contains("event:pro_failed", "\"code\":\"circuit_open\"", "event:complete");
		}
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
