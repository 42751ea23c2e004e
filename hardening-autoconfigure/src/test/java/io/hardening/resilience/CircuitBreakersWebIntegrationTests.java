package io.hardening.resilience;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code circuitBreakers} contributor and the Prometheus series as a real reactive
 * application serves them.
 */
@SpringBootTest(classes = ResilienceTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1" })
class CircuitBreakersWebIntegrationTests {

	// The first request to a fresh server on a busy 2-core machine has taken over 5s.
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> STATES = List.of("closed", "disabled", "forced_open", "half_open", "metrics_only",
			"open");

	@LocalServerPort
	private int port;

	@Autowired
	private CircuitBreakerRegistry registry;

	@Autowired
	private ReactiveResilience4JCircuitBreakerFactory factory;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(RESPONSE_TIMEOUT)
			.build();
	}

	@Test
	void healthWhenAllBreakersAreClosedShowsThemUp() {
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.circuitBreakers.status")
			.isEqualTo("UP")
			.jsonPath("$.components.circuitBreakers.details.flash.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.components.circuitBreakers.details.pro.state")
			.isEqualTo("CLOSED");
	}

	@Test
	void healthWhenABreakerIsOpenStays200AndUpWithTheContributorCircuitOpen() {
		this.registry.circuitBreaker("flash").transitionToOpenState();
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.circuitBreakers.status")
			.isEqualTo("CIRCUIT_OPEN")
			.jsonPath("$.components.circuitBreakers.details.flash.state")
			.isEqualTo("OPEN")
			.jsonPath("$.components.circuitBreakers.details.flash.notPermittedCalls")
			.isEqualTo(0)
			.jsonPath("$.components.circuitBreakers.details.pro.state")
			.isEqualTo("CLOSED");
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void readinessWhenABreakerIsOpenStaysUp() {
		this.registry.circuitBreaker("flash").transitionToForcedOpenState();
		this.client.get().uri("/ready").exchange().expectStatus().isOk().expectBody().json("{\"status\":\"UP\"}");
		this.client.get().uri("/live").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("circuitBreakers"));
	}

	@Test
	void scrapeAfterACallShowsOneSeriesPerStateAndCountsTheCallOnce() {
		long before = successfulCalls(scrape());
		this.factory.create("flash").run(Flux.just("a", "b")).blockLast(RESPONSE_TIMEOUT);
		List<String> lines = scrape();
		assertThat(successfulCalls(lines)).isEqualTo(before + 1);
		for (String state : STATES) {
			assertThat(series(lines, "resilience4j_circuitbreaker_state{", "name=\"flash\"", "state=\"" + state + "\""))
				.as(state)
				.hasSize(1);
		}
		assertThat(series(lines, "resilience4j_circuitbreaker_state{", "name=\"flash\"", "state=\"closed\""))
			.singleElement()
			.satisfies((line) -> assertThat(line).endsWith(" 1.0"));
		assertThat(series(lines, "resilience4j_circuitbreaker_state{", "name=\"pro\"", "state=\"closed\"")).hasSize(1);
		for (String name : List.of("resilience4j_circuitbreaker_calls_seconds_count{",
				"resilience4j_circuitbreaker_not_permitted_calls_total{", "resilience4j_circuitbreaker_failure_rate{",
				"resilience4j_circuitbreaker_slow_call_rate{", "resilience4j_circuitbreaker_buffered_calls{",
				"resilience4j_circuitbreaker_slow_calls{")) {
			assertThat(series(lines, name, "name=\"flash\"")).as(name).isNotEmpty();
		}
		assertThat(lines.stream().filter((line) -> line.equals("# TYPE resilience4j_circuitbreaker_state gauge")))
			.hasSize(1);
	}

	private List<String> scrape() {
		String body = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return body.lines().toList();
	}

	private static long successfulCalls(List<String> lines) {
		List<String> series = series(lines, "resilience4j_circuitbreaker_calls_seconds_count{", "name=\"flash\"",
				"kind=\"successful\"");
		assertThat(series).hasSize(1);
		String line = series.get(0);
		return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	private static List<String> series(List<String> lines, String prefix, String... tags) {
		return lines.stream()
			.filter((line) -> line.startsWith(prefix))
			.filter((line) -> List.of(tags).stream().allMatch(line::contains))
			.toList();
	}

}
