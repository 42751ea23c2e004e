package io.hardening.init;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = InitTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.init.retry.initial-interval=50ms", "hardening.init.retry.max-interval=100ms",
				"hardening.admin.token=s3cret-admin" })
class InitReactiveIntegrationTests {

	private static final String TOKEN = "Bearer s3cret-admin";

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("vertexAiComponent")
	private TestComponent vertexAi;

	@Autowired
	@Qualifier("recoveringComponent")
	private TestComponent recovering;

	@Autowired
	@Qualifier("manualComponent")
	private TestComponent manual;

	@Autowired
	@Qualifier("concurrentComponent")
	private TestComponent concurrent;

	@Autowired
	private HealthEndpointGroups groups;

	@Autowired
	private InitTracker tracker;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@AfterEach
	void releaseGate() {
		CountDownLatch gate = this.concurrent.gate;
		if (gate != null) {
			gate.countDown();
		}
	}

	@Test
	void failingComponentKeepsAppLiveAndShowsWhyInHealth() {
		awaitFailures("vertexAi", 2);
		this.client.get().uri("/live").exchange().expectStatus().isOk();
		this.client.get().uri("/ready").exchange().expectStatus().isEqualTo(503);
		int firstCount = this.tracker.status("vertexAi").get().retryCount();
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.init.components.vertexAi.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.init.components.vertexAi.details.initialized")
			.isEqualTo(false)
			.jsonPath("$.components.init.components.vertexAi.details.state")
			.isEqualTo("FAILED")
			.jsonPath("$.components.init.components.vertexAi.details.lastError")
			.isEqualTo("connect to https://aiplatform.googleapis.com failed: Authorization: Bearer ***")
			.jsonPath("$.components.init.components.vertexAi.details.lastAttempt")
			.isNotEmpty()
			.jsonPath("$.components.init.components.vertexAi.details.retryCount")
			.value((Integer count) -> assertThat(count).isGreaterThanOrEqualTo(firstCount));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.tracker.status("vertexAi").get().retryCount() > firstCount);
	}

	@Test
	void componentRecoversByItselfWhenTheCauseGoesAway() {
		awaitFailures("recovering", 2);
		this.recovering.succeedFromNow();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.isReady("recovering"));
		this.client.get()
			.uri("/actuator/init/recovering")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.initialized")
			.isEqualTo(true)
			.jsonPath("$.retryCount")
			.isEqualTo(0)
			.jsonPath("$.lastError")
			.doesNotExist();
	}

	@Test
	void optionalComponentShowsInHealthButNeverGatesReadiness() {
		HealthEndpointGroup ready = this.groups.get("ready");
		assertThat(ready.isMember("init/vertexAi")).isTrue();
		assertThat(ready.isMember("init/optionalCache")).isFalse();
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.init.components.optionalCache.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.init.components.optionalCache.details.requiredForReadiness")
			.isEqualTo(false);
	}

	@Test
	void retryWithoutTokenIs401() {
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("admin_token_missing");
	}

	@Test
	void retryWithWrongTokenIs403() {
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer s3cret-admix")
			.exchange()
			.expectStatus()
			.isForbidden()
			// A challenge asks for credentials: a wrong token gets none.
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("admin_token_invalid");
	}

	@Test
	void retryBehindEncodedActuatorPathStillNeedsToken() {
		this.client.post()
			.uri("http://127.0.0.1:" + this.port + "/%61ctuator/init/vertexAi")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 404));
	}

	@Test
	void retryOfUnknownComponentIs404() {
		this.client.post()
			.uri("/actuator/init/nope")
			.header(HttpHeaders.AUTHORIZATION, TOKEN)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unknown_component");
		this.client.get().uri("/actuator/init/nope").exchange().expectStatus().isNotFound();
	}

	@Test
	void retryThatFailsIs503WithSanitizedErrorAndRetryCount() {
		awaitFailures("vertexAi", 1);
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("failed")
			.jsonPath("$.error")
			.isEqualTo("connect to https://aiplatform.googleapis.com failed: Authorization: Bearer ***")
			.jsonPath("$.retryCount")
			.value((Integer count) -> assertThat(count).isGreaterThanOrEqualTo(2));
	}

	@Test
	void retryThatSucceedsIs200() {
		awaitFailures("manual", 1);
		this.manual.succeedFromNow();
		this.client.post()
			.uri("/actuator/init/manual")
			.header(HttpHeaders.AUTHORIZATION, TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("success")
			.jsonPath("$.message")
			.isEqualTo("Component 'manual' is initialized");
	}

	@Test
	void concurrentRetriesMakeOneAttempt() {
		awaitFailures("concurrent", 1);
		CountDownLatch gate = new CountDownLatch(1);
		this.concurrent.gate = gate;
		this.concurrent.succeedFromNow();
		int before = this.concurrent.attempts();
		WebClient webClient = WebClient.create("http://127.0.0.1:" + this.port);
		var responses = Flux.range(0, 5)
			.flatMap((i) -> webClient.post()
				.uri("/actuator/init/concurrent")
				.header(HttpHeaders.AUTHORIZATION, TOKEN)
				.exchangeToMono((response) -> response.toEntity(String.class)))
			.collectList()
			.toFuture();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.concurrent.attempts() == before + 1);
		// Give every request time to arrive while the attempt is held open.
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.concurrent.attempts() == before + 1);
		gate.countDown();
		List<Integer> statuses = responses.join().stream().map((entity) -> entity.getStatusCode().value()).toList();
		assertThat(statuses).containsOnly(200).hasSize(5);
		assertThat(this.concurrent.attempts()).isEqualTo(before + 1);
	}

	@Test
	void endpointListsEveryComponent() {
		this.client.get()
			.uri("/actuator/init")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.vertexAi.state")
			.exists()
			.jsonPath("$.components.optionalCache.requiredForReadiness")
			.isEqualTo(false);
	}

	@Test
	void prometheusShowsInitMetrics() {
		awaitFailures("vertexAi", 1);
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("hardening_init_ready{component=\"vertexAi\"}")
			.contains("hardening_init_attempts_total{component=\"vertexAi\",outcome=\"failure\"}")
			.contains("hardening_init_attempt_seconds_count{component=\"vertexAi\"}");
	}

	private void awaitFailures(String name, int failures) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.status(name).get().retryCount() >= failures);
	}

}
