package io.hardening.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.reasoning.simulated.SimulatedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every type of the starter that Jackson writes or reads in a running application is
 * registered for reflection in what Spring AOT generates for it. The application's
 * {@code JsonMapper} records each class Jackson builds a serializer or deserializer for
 * while the test drives the starter's JSON paths (the reasoning stream with answers,
 * failures and a resume, the run record, the storage endpoints, errors, the init endpoint
 * and health); a starter type among them without a hint fails the test, so a new record
 * or class passed to Jackson cannot reach a native image unnoticed.
 */
@SpringBootTest(classes = NativeHintsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=50ms",
				"hardening.reasoning.simulated.pro-latency=50ms", "hardening.storage.mode=filesystem",
				"management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient(timeout = "20s")
@Import(JacksonWrittenTypesHintsIntegrationTests.RecordingConfiguration.class)
class JacksonWrittenTypesHintsIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final Set<Class<?>> seenByJackson = ConcurrentHashMap.newKeySet();

	@TempDir
	static Path root;

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> root.resolve("data").toString());
	}

	@Test
	void everyStarterTypeJacksonSeesHasARuntimeHint() {
		String runId = driveTheStartersJsonPaths();
		assertThat(runId).startsWith("run-");
		List<Class<?>> starterTypes = seenByJackson.stream()
			.filter((type) -> type.getName().startsWith("io.hardening."))
			.toList();
		// The recording works: the events' data are written through Jackson.
		assertThat(starterTypes).isNotEmpty();
		RuntimeHints hints = AotProcessedHints.process(NativeHintsTestApplication.class, root.resolve("aot"),
				getClass().getClassLoader(), "--spring.main.web-application-type=reactive",
				"--hardening.reasoning.provider=simulated", "--hardening.storage.mode=filesystem",
				"--hardening.storage.filesystem.path=" + root.resolve("data"));
		assertThat(starterTypes).allSatisfy((type) -> assertThat(RuntimeHintsPredicates.reflection().onType(type))
			.as("runtime hint for %s, which Jackson introspects", type.getName())
			.accepts(hints));
	}

	private String driveTheStartersJsonPaths() {
		List<ServerSentEvent<String>> answered = stream(Map.of("query", "Why is the sky blue?"));
		ServerSentEvent<String> start = answered.stream()
			.filter((event) -> "start".equals(event.event()))
			.findFirst()
			.orElseThrow();
		String runId = start.id().substring(0, start.id().lastIndexOf(':'));
		List<ServerSentEvent<String>> failed = stream(Map.of("query", "How? " + SimulatedModel.BLOCKED_MARKER));
		assertThat(failed).extracting(ServerSentEvent::event).contains("flash_failed", "pro_failed", "error");
		// A reconnect replays the run's events.
		this.client.get()
			.uri("/api/reasoning/query")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Last-Event-ID", runId + ":1")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.blockLast(Duration.ofSeconds(10));
		this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[]")
			.exchange()
			.expectStatus()
			.isBadRequest();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get()
				.uri("/api/storage/experiments/" + runId)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		this.client.get().uri("/api/storage/experiments").exchange().expectStatus().isOk();
		this.client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("experiment_id", "exp-1", "result", Map.of("score", 1), "metadata", Map.of("by", "t")))
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
		this.client.get().uri("/api/storage/experiments/no such id").exchange().expectStatus().is4xxClientError();
		this.client.get().uri("/actuator/init").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/init/nothing").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		return runId;
	}

	private List<ServerSentEvent<String>> stream(Map<String, String> body) {
		return this.client.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		JsonMapperBuilderCustomizer recordingIntrospector() {
			return (builder) -> builder.annotationIntrospector(
					AnnotationIntrospector.pair(new RecordingIntrospector(), builder.annotationIntrospector()));
		}

	}

	/**
	 * Records each class Jackson looks for a serializer or deserializer annotation on,
	 * which it does for every type it writes or reads, maps included.
	 */
	static final class RecordingIntrospector extends NopAnnotationIntrospector {

		@Override
		public Object findSerializer(MapperConfig<?> config, Annotated annotated) {
			record(annotated);
			return null;
		}

		@Override
		public Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
			record(annotated);
			return null;
		}

		private static void record(Annotated annotated) {
			if (annotated instanceof AnnotatedClass type) {
				seenByJackson.add(type.getRawType());
			}
		}

	}

}
