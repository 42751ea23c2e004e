package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.hardening.storage.ExperimentStorage;
import io.hardening.testsupport.BlockHoundInstalled;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas sharing one storage directory, as behind a load balancer without session
 * affinity: a reconnect to a run the first one finished is answered by the second from
 * the run's record, with no model call; a run still running on the first cannot be
 * resumed on the second.
 */
@ExtendWith(BlockHoundInstalled.class)
class ResumeAcrossReplicasIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final JsonMapper mapper = JsonMapper.shared();

	@TempDir
	static Path storage;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startReplicas() {
		first = replica();
		second = replica();
	}

	@AfterAll
	static void stopReplicas() {
		second.close();
		first.close();
	}

	private static ConfigurableApplicationContext replica() {
		return new SpringApplicationBuilder(ReasoningTestApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.address=127.0.0.1", "server.port=0",
					"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=50ms",
					"hardening.reasoning.simulated.pro-latency=2s", "hardening.storage.mode=filesystem",
					"hardening.storage.filesystem.path=" + storage)
			.run();
	}

	@Test
	void finishedRunIsResumedOnAnotherReplicaFromItsRecord() {
		List<ServerSentEvent<String>> events = client(first).get()
			.uri("/api/reasoning/query?query=replicas")
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Duration.ofSeconds(20));
		String runId = events.get(0).id().substring(0, events.get(0).id().lastIndexOf(':'));
		ExperimentStorage storageOfSecond = second.getBean(ExperimentStorage.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> storageOfSecond.get(runId).isPresent());
		double modelCallsBefore = modelCalls(second);

		List<ServerSentEvent<String>> rest = client(second).get()
			.uri("/api/reasoning/query")
			.header("Last-Event-ID", events.get(1).id())
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Duration.ofSeconds(10));

		List<ServerSentEvent<String>> expected = events.stream()
			.filter((event) -> List.of("flash_complete", "pro_complete", "complete").contains(event.event()))
			.toList();
		assertThat(rest).extracting(ServerSentEvent::event)
			.containsExactly("flash_complete", "pro_complete", "complete");
		assertThat(rest).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(expected.stream().map(ServerSentEvent::id).toList());
		for (int i = 0; i < rest.size(); i++) {
			JsonNode rebuilt = mapper.readTree(rest.get(i).data());
			JsonNode original = mapper.readTree(expected.get(i).data());
			assertThat(rebuilt.path("from_record").asBoolean()).isTrue();
			String answer = rest.get(i).event().equals("complete") ? "pro_response" : "response";
			assertThat(rebuilt.path(answer)).isEqualTo(original.path(answer));
		}
		assertThat(modelCalls(second)).isEqualTo(modelCallsBefore);

		// The client saw the end: nothing to send.
		Integer status = client(second).get()
			.uri("/api/reasoning/query")
			.header("Last-Event-ID", events.get(events.size() - 1).id())
			.exchangeToMono((answer) -> answer.releaseBody().thenReturn(answer.statusCode().value()))
			.block(Duration.ofSeconds(10));
		assertThat(status).isEqualTo(204);
	}

	@Test
	void runStillRunningOnAnotherReplicaCannotBeResumed() {
		ServerSentEvent<String> start = client(first).get()
			.uri("/api/reasoning/query?query=still%20running")
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.blockFirst(Duration.ofSeconds(10));
		List<ServerSentEvent<String>> answer = client(second).get()
			.uri("/api/reasoning/query")
			.header("Last-Event-ID", start.id())
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(answer).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("error");
			assertThat(event.data()).contains("resume_unavailable");
		});
	}

	private static double modelCalls(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("hardening.reasoning.model")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.count())
			.sum();
	}

	private static WebClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port);
	}

}
