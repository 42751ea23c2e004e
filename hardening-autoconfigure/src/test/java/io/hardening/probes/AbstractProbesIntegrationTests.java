package io.hardening.probes;

import org.springframework.test.context.TestPropertySource;
import java.time.Duration;

import io.hardening.probes.ProbesTestApplication.SwitchableHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every web stack must serve: the four probes on the main port, beside Actuator's
 * own paths.
 */
// diskSpace reports the free bytes of the moment, which other processes change between
// two calls: without it /health and /healthz must match byte for byte.
@TestPropertySource(properties = "management.health.diskspace.enabled=false")
abstract class AbstractProbesIntegrationTests {

	// The first request to a fresh server on a busy 2-core machine has taken over 5s.
	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SwitchableHealthIndicator dependency;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(RESPONSE_TIMEOUT)
			.build();
	}

	@AfterEach
	void restoreHealth() {
		this.dependency.set(Status.UP);
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void healthAndHealthzAnswerTheSameBody() {
		String health = body("/health", 200);
		String healthz = body("/healthz", 200);
		assertThat(healthz).isEqualTo(health);
		assertThat(health).contains("\"dependency\"").contains("\"readinessState\"").contains("db.internal:5432");
	}

	@Test
	void liveAndReadyAnswerStatusOnly() {
		assertThat(body("/live", 200)).isEqualTo("{\"status\":\"UP\"}");
		assertThat(body("/ready", 200)).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void actuatorPathsStillWork() {
		assertThat(body("/actuator/health", 200)).contains("\"status\":\"UP\"");
		assertThat(body("/actuator/health/liveness", 200)).contains("\"status\":\"UP\"");
		assertThat(body("/actuator/health/readiness", 200)).contains("\"status\":\"UP\"");
	}

	@Test
	void downComponentTurnsHealthAndReadyTo503ButNeverLive() {
		this.dependency.set(Status.DOWN);
		assertThat(body("/health", 503)).contains("\"status\":\"DOWN\"");
		assertThat(body("/healthz", 503)).contains("\"status\":\"DOWN\"");
		assertThat(body("/ready", 503)).isEqualTo("{\"status\":\"DOWN\"}");
		assertThat(body("/live", 200)).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void outOfServiceComponentTurnsReadyTo503() {
		this.dependency.set(Status.OUT_OF_SERVICE);
		assertThat(body("/ready", 503)).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
		assertThat(body("/live", 200)).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void refusingTrafficAsInGracefulShutdownTurnsReadyTo503WhileLiveStays200() {
		// Boot publishes this event first when the context closes, before the web server
		// drains.
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		assertThat(body("/ready", 503)).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
		assertThat(body("/live", 200)).isEqualTo("{\"status\":\"UP\"}");
	}

	private String body(String path, int expectedStatus) {
		byte[] body = this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(expectedStatus)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return (body != null) ? new String(body) : "";
	}

}
