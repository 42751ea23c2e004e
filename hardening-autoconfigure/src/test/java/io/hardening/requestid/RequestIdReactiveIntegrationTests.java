package io.hardening.requestid;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids in a reactive application over real HTTP: accepted or replaced, echoed on
 * every answer, and shown in log lines written on other threads of the request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.storage.enabled=false" })
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class RequestIdReactiveIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void logLineOnAnotherThreadShowsTheRequestId(CapturedOutput output) {
		this.client.get()
			.uri("/work")
			.header(RequestIds.HEADER, "req-on-elastic-7")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "req-on-elastic-7")
			.expectBody(String.class)
			.value((thread) -> assertThat(thread).startsWith("boundedElastic"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("working for the request"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("[req-on-elastic-7]").contains("Elastic-"));
	}

	@Test
	void probesAndRefusalsEchoTheRequestId() {
		this.client.get()
			.uri("/live")
			.header(RequestIds.HEADER, "probe-1")
			.exchange()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "probe-1");
		this.client.post()
			.uri("/actuator/init/vertexAi")
			.header(RequestIds.HEADER, "refused-1")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "refused-1");
	}

	@Test
	void unacceptableRequestIdIsReplaced() {
		for (String bad : new String[] { "has space", "x".repeat(65), "semi;colon", "" }) {
			this.client.get()
				.uri("/live")
				.header(RequestIds.HEADER, bad)
				.exchange()
				.expectHeader()
				.value(RequestIds.HEADER, (id) -> assertThat(id).isNotEqualTo(bad).matches("[0-9a-f-]{36}"));
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		private static final Log logger = LogFactory.getLog(TestApplication.class);

		@Bean
		RouterFunction<ServerResponse> work() {
			return RouterFunctions.route().GET("/work", (request) -> Mono.fromCallable(() -> {
				logger.info("working for the request");
				return Thread.currentThread().getName();
			}).subscribeOn(Schedulers.boundedElastic()).flatMap((thread) -> ServerResponse.ok().bodyValue(thread)))
				.build();
		}

	}

}
