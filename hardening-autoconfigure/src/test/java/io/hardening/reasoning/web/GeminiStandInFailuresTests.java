package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.hardening.reasoning.gemini.GoogleAnswers;
import io.hardening.reasoning.web.ReasoningStreamClient.Event;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StoredExperiment;
import io.hardening.testsupport.BlockHoundInstalled;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.hardening.reasoning.web.StreamEventLists.deltas;
import static io.hardening.reasoning.web.StreamEventLists.last;
import static io.hardening.reasoning.web.StreamEventLists.named;
import static io.hardening.reasoning.web.StreamEventLists.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gemini's real failures, end to end over HTTP: the stand-in answers with Google's exact
 * JSON shapes (a 429 with RetryInfo, a daily quota, Vertex's array form, an error after
 * the first chunk, a SAFETY block, a MAX_TOKENS answer) and the stream shows what
 * happened, retrying only before the first token and never sending text twice.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=gemini-api",
				"hardening.reasoning.gemini-api.api-key=" + GeminiStandIn.API_KEY,
				"hardening.reasoning.flash.model=" + GeminiStandInFailuresTests.FLASH,
				"hardening.reasoning.pro.model=" + GeminiStandInFailuresTests.PRO,
				"hardening.reasoning.flash.first-token-timeout=5s", "hardening.reasoning.flash.temperature=0.3",
				"hardening.reasoning.pro.thinking-level=low", "hardening.reasoning.pro.max-output-tokens=2048",
				"hardening.reasoning.system-instruction=Answer in Markdown.", "hardening.storage.mode=filesystem" })
@ExtendWith(BlockHoundInstalled.class)
class GeminiStandInFailuresTests {

	static final String FLASH = "gemini-failing-flash";

	static final String PRO = "gemini-failing-pro";

	@RegisterExtension
	static final StandInApplication app = new StandInApplication();

	private static final GeminiStandIn standIn = app.standIn();

	@TempDir
	static Path root;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ExperimentStorage storage;

	@DynamicPropertySource
	static void standInAndStorage(DynamicPropertyRegistry registry) {
		app.register(registry, () -> root);
	}

	@Test
	void rateLimitWithRetryInfoIsRetriedAfterTheHintAndEachDeltaArrivesOnce() {
		double retriesBefore = retries("rate_limited");
		standIn.script(FLASH, StandInAnswer.error(429, GoogleAnswers.rateLimited("0.3s")),
				StandInAnswer.frames(GoogleAnswers.chunk("One, "), GoogleAnswers.chunk("two, "),
						GoogleAnswers.chunk("three.", "STOP", 5, 6, 0, 0)));
		List<Event> events = stream("retry me");
		Event complete = only(events, "flash_complete");
		assertThat(named(events, "flash_delta")).extracting((event) -> event.get("text"))
			.containsExactly("One, ", "two, ", "three.");
		assertThat(complete.get("response")).isEqualTo("One, two, three.");
		assertThat(complete.get("attempts")).isEqualTo(2);
		assertThat(complete.get("finish_reason")).isEqualTo("stop");
		List<StandInCall> calls = standIn.calls(FLASH);
		assertThat(calls).hasSize(2);
		Duration waited = Duration.ofNanos(calls.get(1).startNanos() - calls.get(0).startNanos());
		System.out.println("Retry after a RetryInfo of 0.3s came " + waited.toMillis() + " ms after the first call");
		assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
		assertThat(last(events).name()).isEqualTo("complete");
		assertThat(last(events).get("partial")).isEqualTo(false);
		assertThat(retries("rate_limited") - retriesBefore).isEqualTo(1.0);
	}

	@Test
	void vertexArrayFormOf429IsRetriedWithBackoff() {
		standIn.script(FLASH, StandInAnswer.error(429, GoogleAnswers.vertexRateLimitedArray()),
				StandInAnswer.error(503, GoogleAnswers.overloaded(), "0"),
				StandInAnswer.frames(GoogleAnswers.chunk("ok", "STOP", 1, 1, 0, 0)));
		List<Event> events = stream("array");
		assertThat(only(events, "flash_complete").get("attempts")).isEqualTo(3);
		assertThat(standIn.calls(FLASH)).hasSize(3);
	}

	@Test
	void connectionCutBeforeAnyTextIsRetried() {
		double before = retries("connection");
		standIn.script(FLASH, StandInAnswer.framesThenCut(),
				StandInAnswer.frames(GoogleAnswers.chunk("Back", "STOP", 1, 1, 0, 0)));
		List<Event> events = stream("reset");
		assertThat(deltas(events, "flash")).isEqualTo("Back");
		assertThat(only(events, "flash_complete").get("attempts")).isEqualTo(2);
		assertThat(retries("connection") - before).isEqualTo(1.0);
	}

	@Test
	void dailyQuotaIsNotRetriedAndFailsQuicklyAsRateLimited() {
		standIn.script(FLASH, StandInAnswer.error(429, GoogleAnswers.dailyQuota()));
		long start = System.nanoTime();
		List<Event> events = stream("daily");
		Event failed = only(events, "flash_failed");
		assertThat(failed.get("code")).isEqualTo("rate_limited");
		assertThat((String) failed.get("error")).contains("Daily quota GenerateRequestsPerDayPerProjectPerModel");
		assertThat(standIn.calls(FLASH)).hasSize(1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(last(events).name()).isEqualTo("complete");
		assertThat(last(events).get("partial")).isEqualTo(true);
	}

	@Test
	void errorAfterTheFirstDeltaIsNotRetried() {
		standIn.script(FLASH, StandInAnswer.frames(GoogleAnswers.chunk("Partial answer"), GoogleAnswers.overloaded()));
		List<Event> events = stream("mid-stream error");
		assertThat(named(events, "flash_delta")).extracting((event) -> event.get("text"))
			.containsExactly("Partial answer");
		Event failed = only(events, "flash_failed");
		assertThat(failed.get("code")).isEqualTo("model_error");
		assertThat((String) failed.get("error")).contains("The model is overloaded");
		assertThat(standIn.calls(FLASH)).hasSize(1);
	}

	@Test
	void cutConnectionAfterTheFirstDeltaIsNotRetried() {
		standIn.script(FLASH, StandInAnswer.framesThenCut(GoogleAnswers.chunk("Half")));
		List<Event> events = stream("cut");
		assertThat(deltas(events, "flash")).isEqualTo("Half");
		assertThat(only(events, "flash_failed").get("code")).isEqualTo("model_error");
		assertThat(standIn.calls(FLASH)).hasSize(1);
	}

	@Test
	void safetyBlockFailsAsBlockedAndTheTextBeforeItIsKeptInTheRunRecordOnly() {
		standIn.script(FLASH, StandInAnswer.frames(GoogleAnswers.chunk("Here is how", null, 7, 3, 0, 0),
				GoogleAnswers.chunk("", "SAFETY", 7, 3, 0, 0)));
		List<Event> events = stream("something unsafe");
		Event failed = only(events, "flash_failed");
		assertThat(failed.get("code")).isEqualTo("blocked");
		assertThat((String) failed.get("error")).contains("finishReason SAFETY").doesNotContain("Here is how");
		assertThat(last(events).get("flash_response")).isNull();
		StoredExperiment record = record(events);
		assertThat(record.result().path("flash_response").asString()).isEqualTo("Here is how");
		assertThat(record.metadata().path("flash").path("failure_code").asString()).isEqualTo("blocked");
	}

	@Test
	void blockedPromptFailsAsBlocked() {
		standIn.script(PRO, StandInAnswer.frames(GoogleAnswers.blockedPrompt("SAFETY")));
		List<Event> events = stream("blocked prompt");
		Event failed = only(events, "pro_failed");
		assertThat(failed.get("code")).isEqualTo("blocked");
		assertThat((String) failed.get("error")).contains("blockReason SAFETY");
	}

	@Test
	void maxTokensAnswerCompletesWithItsTextAndFinishReason() {
		standIn.script(PRO, StandInAnswer.frames(GoogleAnswers.chunk("A long answer", null, 9, 4, 20, 0),
				GoogleAnswers.chunk(" that was cu", "MAX_TOKENS", 9, 2048, 20, 0)));
		List<Event> events = stream("write a lot");
		Event complete = only(events, "pro_complete");
		assertThat(complete.get("response")).isEqualTo("A long answer that was cu");
		assertThat(complete.get("finish_reason")).isEqualTo("max_tokens");
		assertThat(last(events).get("pro_response")).isEqualTo("A long answer that was cu");
		assertThat(record(events).metadata().path("pro").path("finish_reason").asString()).isEqualTo("max_tokens");
	}

	@Test
	void usageOfAMultiChunkAnswerIsTheLastChunksAndIsCounted() {
		double outputBefore = tokens("flash", "output");
		double thinkingBefore = tokens("flash", "thinking");
		standIn.script(FLASH, StandInAnswer.frames(GoogleAnswers.thought("Considering"),
				GoogleAnswers.chunk("Blue ", null, 8, 2, 30, 0), GoogleAnswers.chunk("light ", null, 8, 4, 30, 0),
				GoogleAnswers.chunk("scatters.", "STOP", 8, 7, 41, 3)));
		List<Event> events = stream("Why is the sky blue?");
		Map<String, Object> expected = Map.of("prompt_tokens", 8, "output_tokens", 7, "thinking_tokens", 41,
				"cached_tokens", 3, "total_tokens", 56);
		assertThat(only(events, "flash_complete").get("usage")).isEqualTo(expected);
		@SuppressWarnings("unchecked")
		Map<String, Object> usage = (Map<String, Object>) last(events).get("usage");
		assertThat(usage.get("flash")).isEqualTo(expected);
		assertThat(usage.get("pro")).isNotNull();
		assertThat(tokens("flash", "output") - outputBefore).isEqualTo(7.0);
		assertThat(tokens("flash", "thinking") - thinkingBefore).isEqualTo(41.0);
		assertThat(record(events).metadata().path("flash").path("usage").path("total_tokens").asInt()).isEqualTo(56);
	}

	@Test
	void generationSettingsAndSystemInstructionAreSent() {
		stream("settings");
		assertThat(only(standIn.calls(FLASH)).body())
			.contains("\"systemInstruction\":{\"parts\":[{\"text\":\"Answer in Markdown.\"}]}")
			.contains("\"generationConfig\":{\"temperature\":0.3}");
		assertThat(only(standIn.calls(PRO)).body())
			.contains("\"generationConfig\":{\"maxOutputTokens\":2048,\"thinkingConfig\":{\"thinkingLevel\":\"low\"}}");
	}

	// Waits for the run record too: none is still being written when the temporary
	// directory is deleted after the last test.
	private List<Event> stream(String query) {
		List<Event> events = app.client().stream(query);
		record(events);
		return events;
	}

	private StoredExperiment record(List<Event> events) {
		String id = events.get(0).id();
		String runId = id.substring(0, id.lastIndexOf(':'));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.get(runId).isPresent());
		return this.storage.get(runId).orElseThrow();
	}

	private double retries(String reason) {
		return this.meters.get("hardening.reasoning.model.retries")
			.tag("model", "flash")
			.tag("reason", reason)
			.counter()
			.count();
	}

	private double tokens(String model, String type) {
		return this.meters.get("hardening.reasoning.tokens").tag("model", model).tag("type", type).counter().count();
	}

}
