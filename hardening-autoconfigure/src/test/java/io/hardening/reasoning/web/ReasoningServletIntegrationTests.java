package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.hardening.reasoning.stream.ReasoningRuns;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint in a servlet (Spring MVC) application over real HTTP: the same events and
 * headers as the reactive one, JSON errors, and a client that leaves lets go of the run.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=100ms",
				"hardening.reasoning.simulated.pro-latency=300ms", "hardening.reasoning.heartbeat=100ms",
				"hardening.reasoning.reconnect-grace=0", "hardening.storage.enabled=false" })
class ReasoningServletIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private ReasoningRuns runs;

	@Autowired
	private MeterRegistry registry;

	@Test
	void postStreamsEventsWithTheSameProtocol() {
		List<ServerSentEvent<String>> events = client().post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "servlet?"))
			.exchangeToFlux((response) -> {
				assertThat(response.statusCode().value()).isEqualTo(200);
				assertThat(response.headers().contentType()).get()
					.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
				assertThat(response.headers().header("Cache-Control")).containsExactly("no-cache");
				assertThat(response.headers().header("X-Accel-Buffering")).containsExactly("no");
				assertThat(response.headers().header("X-Request-Id")).hasSize(1);
				return response.bodyToFlux(SSE);
			})
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events.get(0).retry()).isNotNull();
		List<ServerSentEvent<String>> named = events.stream().filter((event) -> event.event() != null).toList();
		assertThat(named).extracting(ServerSentEvent::event)
			.startsWith("start")
			.contains("flash_delta", "flash_complete", "pro_delta", "pro_complete")
			.endsWith("complete");
		assertThat(named).allSatisfy((event) -> assertThat(event.id()).matches("run-[0-9a-f-]+:\\d+"));
		assertThat(named.get(named.size() - 1).data()).contains("\"partial\":false");
	}

	@Test
	void badQueryGetsJsonError() {
		String body = client().get().uri("/api/reasoning/query").exchangeToMono((response) -> {
			assertThat(response.statusCode().value()).isEqualTo(400);
			return response.bodyToMono(String.class);
		}).block(Duration.ofSeconds(10));
		assertThat(body).contains("\"code\":\"invalid_query\"");
	}

	@Test
	void clientThatLeavesCancelsTheRun() {
		double cancelledBefore = cancelled();
		List<ServerSentEvent<String>> firstEvents = client().get()
			.uri("/api/reasoning/query?query=leaving")
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(firstEvents).extracting(ServerSentEvent::event).startsWith("start");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(cancelled()).isEqualTo(cancelledBefore + 1);
			assertThat(this.runs.activeStreams()).isZero();
		});
		assertThat(this.registry.get("hardening.reasoning.model").tag("outcome", "cancelled").timers()).isNotEmpty();
	}

	private double cancelled() {
		return this.registry.get("hardening.reasoning.streams").tag("outcome", "cancelled").counter().count();
	}

	private WebClient client() {
		return WebClient.create("http://127.0.0.1:" + this.port);
	}

}
