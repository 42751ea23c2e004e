package io.hardening.init;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admin writes on a separate management port: the guard stands in front of the init
 * endpoint there as it does on the main port.
 */
abstract class AbstractInitManagementPortIntegrationTests {

	static final String TOKEN = "s3cret-admin";

	static final String TOMCAT_REACTIVE_MANAGEMENT = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	@Qualifier("manualComponent")
	private TestComponent manual;

	@Autowired
	private InitTracker tracker;

	@Test
	void endpointIsServedOnTheManagementPortOnly() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		management().get().uri("/actuator/init/vertexAi").exchange().expectStatus().isOk();
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/actuator/init/vertexAi")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void retryWithoutTokenOnTheManagementPortIs401() {
		management().post()
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
	void retryWithWrongTokenOnTheManagementPortIs403() {
		management().post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("admin_token_invalid");
	}

	@Test
	void retryWithTheTokenOnTheManagementPortRunsAndReportsFailure() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.status("vertexAi").get().retryCount() >= 1);
		management().post()
			.uri("/actuator/init/vertexAi")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("failed")
			.jsonPath("$.error")
			.isEqualTo("connect to https://aiplatform.googleapis.com failed: Authorization: Bearer ***");
	}

	@Test
	void retryWithTheTokenOnTheManagementPortRunsAndReportsSuccess() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.status("manual").get().retryCount() >= 1);
		this.manual.succeedFromNow();
		int before = this.manual.attempts();
		management().post()
			.uri("/actuator/init/manual")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("success");
		assertThat(this.manual.attempts()).isGreaterThan(before);
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
