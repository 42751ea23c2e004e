package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint in a whole reactive application over real HTTP, simulated models and
 * filesystem storage: headers, events, admission errors and the run record.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=100ms",
				"hardening.reasoning.simulated.pro-latency=300ms", "hardening.reasoning.max-query-length=50",
				"hardening.storage.mode=filesystem" })
@AutoConfigureWebTestClient(timeout = "20s")
@ExtendWith(BlockHoundInstalled.class)
class ReasoningWebFluxIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path root;

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> root.toString());
	}

	@Test
	void postStreamsBothModelsAndEndsWithComplete() {
		List<ServerSentEvent<String>> events = this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Request-Id", "req-42")
			.bodyValue(Map.of("query", "Why is the sky blue?"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectHeader()
			.valueEquals("Cache-Control", "no-cache")
			.expectHeader()
			.valueEquals("X-Accel-Buffering", "no")
			.returnResult(SSE)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events.get(0).retry()).isNotNull();
		List<ServerSentEvent<String>> named = events.stream().filter((event) -> event.event() != null).toList();
		assertThat(named.get(0).event()).isEqualTo("start");
		assertThat(named.get(0).data()).contains("\"request_id\":\"req-42\"")
			.contains("\"flash_model\":\"simulated-flash\"");
		assertThat(named.get(named.size() - 1).event()).isEqualTo("complete");
		assertThat(named).extracting(ServerSentEvent::event)
			.contains("flash_delta", "pro_delta", "flash_complete", "pro_complete");
		String runId = named.get(0).id().substring(0, named.get(0).id().lastIndexOf(':'));
		assertThat(named).allSatisfy((event) -> assertThat(event.id()).startsWith(runId + ":"));
		Map<?, ?> complete = JsonMapper.shared().readValue(named.get(named.size() - 1).data(), Map.class);
		assertThat(complete.get("partial")).isEqualTo(false);
		// The record is saved in the background: poll its status (a failed WebTestClient
		// assertion per poll would log an ERROR), then check it once.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.client.get()
				.uri("/api/storage/experiments/" + runId)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		this.client.get()
			.uri("/api/storage/experiments/" + runId)
			.exchange()
			.expectBody()
			.jsonPath("$.metadata.query")
			.isEqualTo("Why is the sky blue?")
			.jsonPath("$.metadata.request_id")
			.isEqualTo("req-42")
			.jsonPath("$.result.outcome")
			.isEqualTo("complete");
	}

	@Test
	void metricsOfStreamsModelsAndBreakersAreScraped() {
		this.client.get()
			.uri("/api/reasoning/query?query=metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.blockLast(Duration.ofSeconds(10));
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("hardening_reasoning_streams_active ")
			.containsPattern("hardening_reasoning_streams_total\\{outcome=\"complete\"} [1-9]")
			.containsPattern("hardening_reasoning_model_seconds_count\\{model=\"flash\",outcome=\"success\"} [1-9]")
			.containsPattern("hardening_reasoning_first_token_seconds_count\\{model=\"pro\"} [1-9]")
			.contains("hardening_reasoning_streams_total{outcome=\"rejected\"}")
			.contains("hardening_reasoning_run_records_failed_total")
			.containsPattern("resilience4j_circuitbreaker_state\\{.*name=\"flash\".*state=\"closed\".*} 1.0");
	}

	@Test
	void getStreamsForEventSource() {
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/reasoning/query?query=hello")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).extracting(ServerSentEvent::event).contains("start", "complete");
	}

	@Test
	void reconnectWithLastEventIdGetsTheRestNoContentOrResumeUnavailable() {
		List<ServerSentEvent<String>> events = stream("/api/reasoning/query?query=resume", null);
		List<String> ids = events.stream().map(ServerSentEvent::id).filter((id) -> id != null).toList();
		List<ServerSentEvent<String>> rest = stream("/api/reasoning/query?query=resume", ids.get(2));
		assertThat(rest.get(0).retry()).isNotNull();
		assertThat(rest.stream().map(ServerSentEvent::id).filter((id) -> id != null).toList())
			.isEqualTo(ids.subList(3, ids.size()));
		this.client.get()
			.uri("/api/reasoning/query?query=resume")
			.header("Last-Event-ID", ids.get(ids.size() - 1))
			.exchange()
			.expectStatus()
			.isNoContent();
		List<ServerSentEvent<String>> unknown = stream("/api/reasoning/query?query=resume", "run-unknown:4");
		assertThat(unknown).filteredOn((event) -> event.event() != null).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("error");
			assertThat(event.id()).isNull();
			assertThat(event.data()).contains("\"code\":\"resume_unavailable\"");
		});
	}

	private List<ServerSentEvent<String>> stream(String uri, String lastEventId) {
		return this.client.get().uri(uri).headers((headers) -> {
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		})
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	@Test
	void badQueriesGetJsonErrors() {
		expectInvalid(
				this.client.post().uri("/api/reasoning/query").contentType(MediaType.APPLICATION_JSON).bodyValue("{}"));
		expectInvalid(this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"   \"}"));
		expectInvalid(this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"" + "x".repeat(51) + "\"}"));
		expectInvalid(this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":"));
		expectInvalid(
				this.client.post().uri("/api/reasoning/query").contentType(MediaType.TEXT_PLAIN).bodyValue("hello"));
		expectInvalid(this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"" + "x".repeat(100_000) + "\"}"));
		expectInvalid(this.client.get().uri("/api/reasoning/query"));
		this.client.put()
			.uri("/api/reasoning/query")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("method_not_allowed");
	}

	private void expectInvalid(WebTestClient.RequestHeadersSpec<?> request) {
		request.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_query")
			.jsonPath("$.error")
			.isNotEmpty();
	}

}
