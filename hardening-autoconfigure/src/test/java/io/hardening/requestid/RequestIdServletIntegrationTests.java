package io.hardening.requestid;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids in a servlet application over real HTTP: echoed on every answer and shown
 * in the request's log lines.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.storage.enabled=false" })
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class RequestIdServletIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void logLineOfTheRequestShowsTheRequestId(CapturedOutput output) {
		this.client.get()
			.uri("/work")
			.header(RequestIds.HEADER, "servlet-req-3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "servlet-req-3");
		assertThat(output.getOut().lines().filter((line) -> line.contains("serving the request"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("[servlet-req-3]"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("Started RequestIdServlet")))
			.allSatisfy((line) -> assertThat(line).doesNotContain("servlet-req-3"));
	}

	@Test
	void probesEchoAGeneratedIdWhenNoneIsSent() {
		this.client.get()
			.uri("/ready")
			.exchange()
			.expectHeader()
			.value(RequestIds.HEADER, (id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		private static final Log logger = LogFactory.getLog(TestApplication.class);

		@Bean
		RouterFunction<ServerResponse> work() {
			return RouterFunctions.route().GET("/work", (request) -> {
				logger.info("serving the request");
				return ServerResponse.ok().body("done");
			}).build();
		}

	}

}
