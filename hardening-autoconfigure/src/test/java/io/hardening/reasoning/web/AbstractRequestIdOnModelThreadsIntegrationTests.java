package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.hardening.reasoning.stream.ReasoningStreamListener;
import io.hardening.requestid.RequestIds;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What runs on the model calls' threads (timers, the model's own) sees the request id in
 * its logging MDC, in a reactive and in a servlet application alike: a listener's log
 * line, a breaker's, a failed run record's.
 */
abstract class AbstractRequestIdOnModelThreadsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MdcRecordingListener listener;

	@Test
	void modelCallbacksSeeTheRequestIdOfTheirStream() {
		this.listener.seen.clear();
		String body = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.header(RequestIds.HEADER, "req-mdc-7")
			.bodyValue(Map.of("query", "which thread?"))
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(body).contains("event:complete");
		// First pieces and ends of both calls, each on a timer thread of the simulator.
		assertThat(this.listener.seen).hasSize(4)
			.allSatisfy((seen) -> assertThat(seen).endsWith("=req-mdc-7"))
			.noneMatch((seen) -> seen.contains("main") || seen.contains("http-nio"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listener {

		@Bean
		MdcRecordingListener mdcRecordingListener() {
			return new MdcRecordingListener();
		}

	}

	static class MdcRecordingListener implements ReasoningStreamListener {

		final Queue<String> seen = new ConcurrentLinkedQueue<>();

		@Override
		public void firstToken(String role, Duration latency) {
			record(role + " first token");
		}

		@Override
		public void modelFinished(String role, String outcome, Duration duration) {
			record(role + " " + outcome);
		}

		private void record(String what) {
			this.seen
				.add(what + " on " + Thread.currentThread().getName() + ": requestId=" + MDC.get(RequestIds.MDC_KEY));
		}

	}

}
