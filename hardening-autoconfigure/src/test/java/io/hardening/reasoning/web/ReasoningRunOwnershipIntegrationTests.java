package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.List;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With API keys, a run answers only the key that started it: a reconnect with another
 * accepted key gets {@code resume_unavailable}, not the run's events and query.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=20ms",
				"hardening.reasoning.simulated.pro-latency=40ms", "hardening.storage.enabled=false",
				"hardening.security.api-keys=k1,k2" })
@ExtendWith(BlockHoundInstalled.class)
class ReasoningRunOwnershipIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Test
	void anotherKeyCannotResumeTheRun() {
		List<ServerSentEvent<String>> events = stream("k1", null, "/api/reasoning/query?query=mine%20only");
		assertThat(events).last().extracting(ServerSentEvent::event).isEqualTo("complete");
		String firstId = events.get(0).id();

		List<ServerSentEvent<String>> stranger = stream("k2", firstId, "/api/reasoning/query");
		assertThat(stranger).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("error");
			assertThat(event.data()).contains("resume_unavailable").doesNotContain("mine only");
		});

		List<ServerSentEvent<String>> owner = stream("k1", firstId, "/api/reasoning/query");
		assertThat(owner).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(events.subList(1, events.size()).stream().map(ServerSentEvent::id).toList());
	}

	private List<ServerSentEvent<String>> stream(String key, String lastEventId, String uri) {
		return WebClient.create("http://127.0.0.1:" + this.port).get().uri(uri).headers((headers) -> {
			headers.set("X-API-Key", key);
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		})
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Duration.ofSeconds(10));
	}

}
