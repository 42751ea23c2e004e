package io.hardening.init;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no admin token configured, writes on a separate management port are refused and
 * say why, in servlet and reactive applications.
 */
class InitManagementPortWithoutTokenTests {

	@ParameterizedTest
	@ValueSource(strings = { "servlet", "reactive" })
	void writesOnTheManagementPortAreRefusedWhenNoTokenIsConfigured(String webApplicationType) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InitTestApplication.class)
			.properties("spring.main.web-application-type=" + webApplicationType, "server.port=0",
					"server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
					"spring.main.banner-mode=off",
					// Tomcat and Netty are both on the test class path; a reactive app
					// has one.
					"spring.autoconfigure.exclude="
							+ AbstractInitManagementPortIntegrationTests.TOMCAT_REACTIVE_MANAGEMENT)
			.run()) {
			int managementPort = context.getEnvironment().getProperty("local.management.port", Integer.class);
			assertThat(managementPort).isNotEqualTo(((WebServerApplicationContext) context).getWebServer().getPort());
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + managementPort)
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
				.value((String error) -> assertThat(error).contains("hardening.admin.token"));
			client.get().uri("/actuator/init/vertexAi").exchange().expectStatus().isOk();
		}
	}

}
