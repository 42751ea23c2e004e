package io.hardening.reasoning.web;

import java.util.List;
import java.util.Map;

import io.hardening.reasoning.simulated.SimulatedModel;
import io.hardening.reasoning.web.ReasoningStreamClient.Event;
import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator rehearses Gemini's failures end to end: rate-limited first calls that the
 * stream retries, a blocked answer, a cut answer, usage figures.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=50ms",
				"hardening.reasoning.simulated.pro-latency=100ms",
				"hardening.reasoning.simulated.flash-rate-limited-attempts=2",
				"hardening.reasoning.persist-runs=false" })
@ExtendWith(BlockHoundInstalled.class)
class SimulatedFailuresIntegrationTests {

	@LocalServerPort
	private int port;

	private ReasoningStreamClient client;

	@BeforeEach
	void connect() {
		this.client = new ReasoningStreamClient(this.port);
		this.client.awaitReady();
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	@Test
	void rateLimitedFirstCallsAreRetriedAndBlockedAndCutAnswersShowWhy() {
		List<Event> first = this.client.stream("Why is the sky blue?");
		Event flash = only(first, "flash_complete");
		assertThat(flash.get("attempts")).isEqualTo(3);
		assertThat(flash.get("finish_reason")).isEqualTo("stop");
		assertThat(flash.get("usage")).isInstanceOfSatisfying(Map.class, (usage) -> assertThat(usage)
			.containsKeys("prompt_tokens", "output_tokens", "thinking_tokens", "cached_tokens", "total_tokens"));
		List<Event> blocked = this.client.stream("How? " + SimulatedModel.BLOCKED_MARKER);
		assertThat(only(blocked, "pro_failed").get("code")).isEqualTo("blocked");
		assertThat(only(blocked, "flash_failed").get("code")).isEqualTo("blocked");
		assertThat(blocked.get(blocked.size() - 1).get("code")).isEqualTo("all_models_failed");
		List<Event> cut = this.client.stream("Long, please " + SimulatedModel.MAX_TOKENS_MARKER);
		assertThat(only(cut, "pro_complete").get("finish_reason")).isEqualTo("max_tokens");
		assertThat(only(cut, "flash_complete").get("attempts")).isEqualTo(1);
	}

	private static Event only(List<Event> events, String name) {
		List<Event> named = events.stream().filter((event) -> event.name().equals(name)).toList();
		assertThat(named).as("%s events in %s", name, events).hasSize(1);
		return named.get(0);
	}

}
