package io.hardening.reasoning.gemini;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiClient#chunks}: finish reasons, token usage, blocks, the
 * generation settings sent and Google's retry hints, over HTTP.
 */
class GeminiChunksTests {

	private static final String MODEL = "gemini-test";

	private static final String STREAM_PATH = "/v1beta/models/gemini-test:streamGenerateContent?alt=sse";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension google = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	@Test
	void lastChunkCarriesTheFinishReasonAndTheFinalCumulativeUsage() {
		google.stubFor(post(urlEqualTo(STREAM_PATH))
			.willReturn(sse(GoogleAnswers.thought("Let me think"), GoogleAnswers.chunk("Hello", null, 4, 1, 12, 0),
					GoogleAnswers.chunk(", world", null, 4, 3, 12, 0), GoogleAnswers.chunk("!", "STOP", 4, 5, 12, 2))));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectNext(new ModelChunk("", null, new TokenUsage(4, 0, 12, 0, 16)))
			.expectNext(new ModelChunk("Hello", null, new TokenUsage(4, 1, 12, 0, 17)))
			.expectNext(new ModelChunk(", world", null, new TokenUsage(4, 3, 12, 0, 19)))
			.expectNext(new ModelChunk("!", "stop", new TokenUsage(4, 5, 12, 2, 21)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void maxTokensAnswerEndsNormallyWithItsReason() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(GoogleAnswers.chunk("Cut", null, 4, 1, 0, 0),
				GoogleAnswers.chunk(" off", "MAX_TOKENS", 4, 2, 0, 0))));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectNextMatches((chunk) -> chunk.finishReason() == null)
			.expectNextMatches((chunk) -> "max_tokens".equals(chunk.finishReason()) && chunk.text().equals(" off"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void safetyFinishReasonAfterTextFailsAsBlocked() {
		google
			.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(GoogleAnswers.chunk("Here is how", null, 4, 3, 0, 0),
					GoogleAnswers.chunk("", "SAFETY", 4, 3, 0, 0))));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectNextMatches((chunk) -> chunk.text().equals("Here is how"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.BLOCKED);
				assertThat(error.getMessage()).contains("finishReason SAFETY");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void blockedPromptInAStreamFailsAsBlocked() {
		google
			.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(GoogleAnswers.blockedPrompt("PROHIBITED_CONTENT"))));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.BLOCKED);
				assertThat(error.getMessage()).contains("blockReason PROHIBITED_CONTENT");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void generationSettingsAreSentAsGoogleNamesThem() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(GoogleAnswers.chunk("ok", "STOP", 1, 1, 0, 0))));
		GenerationSettings settings = new GenerationSettings(0.2, 512, "low", null, "Answer in Markdown.");
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, settings))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		google.verify(postRequestedFor(urlEqualTo(STREAM_PATH)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "hi"}]}],
				 "systemInstruction": {"parts": [{"text": "Answer in Markdown."}]},
				 "generationConfig": {"temperature": 0.2, "maxOutputTokens": 512,
				   "thinkingConfig": {"thinkingLevel": "low"}}}
				""")));
	}

	@Test
	void thinkingBudgetIsSentForGemini25() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(GoogleAnswers.chunk("ok", "STOP", 1, 1, 0, 0))));
		GenerationSettings settings = new GenerationSettings(null, null, null, 0, null);
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, settings))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		google.verify(postRequestedFor(urlEqualTo(STREAM_PATH))
			.withRequestBody(equalToJson("{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}], "
					+ "\"generationConfig\": {\"thinkingConfig\": {\"thinkingBudget\": 0}}}")));
	}

	@Test
	void retryAfterHeaderOfAnErrorAnswerBecomesTheRetryDelay() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "3")
			.withBody(GoogleAnswers.overloaded())));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
				assertThat(error.getRetryDelay()).isEqualTo(Duration.ofSeconds(3));
				assertThat(error.getMessage()).contains("The model is overloaded");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void dailyQuotaAnswerIsNotRetryable() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody(GoogleAnswers.dailyQuota())));
		StepVerifier.create(client().chunks(MODEL, "hi", TIMEOUT, GenerationSettings.DEFAULTS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.isDailyQuota()).isTrue();
				assertThat(error.isRetryable()).isFalse();
			}))
			.verify(TIMEOUT);
	}

	private static GeminiClient client() {
		return new GeminiClient(WebClient.create(google.baseUrl()), new GeminiApiEndpoint("key"), JsonMapper.shared());
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String... frames) {
		StringBuilder body = new StringBuilder();
		for (String frame : frames) {
			body.append("data: ").append(frame).append("\r\n\r\n");
		}
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
	}

}
