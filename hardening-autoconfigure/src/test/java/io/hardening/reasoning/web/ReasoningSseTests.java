package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.Map;

import io.hardening.reasoning.stream.ReasoningEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasoningSse}: the retry hint, the events and the heartbeats, in
 * virtual time.
 */
class ReasoningSseTests {

	private static final Duration VERIFY = Duration.ofSeconds(5);

	private final ReasoningSse sse = new ReasoningSse(JsonMapper.shared(), Duration.ofSeconds(15),
			Duration.ofSeconds(5));

	@Test
	void retryHintFirstThenEventsWithHeartbeatsWhileQuiet() {
		StepVerifier
			.withVirtualTime(
					() -> this.sse.stream(Mono.delay(Duration.ofSeconds(40)).thenReturn(event("complete", 7)).flux()))
			.assertNext((first) -> {
				assertThat(first.retry()).isEqualTo(Duration.ofMillis(2500));
				assertThat(first.data()).isNull();
			})
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenAwait(Duration.ofSeconds(10))
			.assertNext((last) -> {
				assertThat(last.id()).isEqualTo("run-1:7");
				assertThat(last.event()).isEqualTo("complete");
				assertThat(last.data()).isEqualTo("{\"partial\":false}");
			})
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void slowReaderLosesHeartbeatsButNeverOverflows() {
		StepVerifier
			.withVirtualTime(
					() -> this.sse.stream(Mono.delay(Duration.ofMinutes(10)).thenReturn(event("complete", 2)).flux()),
					1)
			.expectNextCount(1)
			.thenAwait(Duration.ofMinutes(5))
			.thenRequest(1)
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenRequest(Long.MAX_VALUE)
			.thenAwait(Duration.ofMinutes(5))
			.thenConsumeWhile((event) -> event.comment() != null)
			.assertNext((last) -> assertThat(last.event()).isEqualTo("complete"))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void noHeartbeatOutlivesTheEvents() {
		StepVerifier.withVirtualTime(() -> this.sse.stream(Flux.just(event("complete", 1))))
			.expectNextCount(2)
			.expectComplete()
			.verify(VERIFY);
	}

	private static void isHeartbeat(ServerSentEvent<String> event) {
		assertThat(event.comment()).isEqualTo("heartbeat");
		assertThat(event.event()).isNull();
		assertThat(event.data()).isNull();
	}

	private static ReasoningEvent event(String name, long sequence) {
		return new ReasoningEvent(name, Map.of("partial", false), "run-1", sequence);
	}

}
