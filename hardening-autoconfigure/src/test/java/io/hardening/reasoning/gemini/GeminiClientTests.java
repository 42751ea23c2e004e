package io.hardening.reasoning.gemini;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GeminiClient} over HTTP against a local stand-in of the Gemini
 * Developer API.
 */
class GeminiClientTests {

	private static final String KEY = "AIzaSyTestKey0123456789abcdefghijklmnop";

	private static final String MODEL = "gemini-test";

	private static final String STREAM_PATH = "/v1beta/models/gemini-test:streamGenerateContent?alt=sse";

	private static final String GENERATE_PATH = "/v1beta/models/gemini-test:generateContent";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension google = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	@Test
	void streamSendsUserContentWithKeyHeaderNotInUrl() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(frame("Hi"))));
		StepVerifier.create(client().stream(MODEL, "hello", TIMEOUT)).expectNext("Hi").expectComplete().verify(TIMEOUT);
		google.verify(postRequestedFor(urlEqualTo(STREAM_PATH)).withHeader("x-goog-api-key", equalTo(KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}")));
		assertThat(google.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getUrl()).doesNotContain(KEY).doesNotContain("key="));
	}

	@Test
	void streamEmitsTextDeltasSkippingThoughtsAndFramesWithoutCandidates() {
		String thought = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
				+ "[{\"text\":\"Let me think\",\"thought\":true}]}}]}\r\n\r\n";
		String noCandidates = "data: {\"usageMetadata\":{\"promptTokenCount\":3},\"modelVersion\":\"gemini-test\"}\r\n\r\n";
		String last = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"!\"}]},"
				+ "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"totalTokenCount\":9}}\r\n\r\n";
		google.stubFor(post(urlEqualTo(STREAM_PATH))
			.willReturn(sse(thought + frame("Hello") + noCandidates + frame(", world") + last)));
		StepVerifier.create(client().stream(MODEL, "hello", TIMEOUT))
			.expectNext("Hello", ", world", "!")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void generateReturnsWholeTextWithoutThoughts() {
		google.stubFor(post(urlEqualTo(GENERATE_PATH)).willReturn(json(200,
				"{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hmm\",\"thought\":true},"
						+ "{\"text\":\"The answer\"},{\"text\":\" is 42.\"}]},\"finishReason\":\"STOP\"}]}")));
		StepVerifier.create(client().generate(MODEL, "question", TIMEOUT))
			.expectNext("The answer is 42.")
			.expectComplete()
			.verify(TIMEOUT);
		google.verify(postRequestedFor(urlEqualTo(GENERATE_PATH)).withHeader("x-goog-api-key", equalTo(KEY)));
	}

	@Test
	void generateOfBlockedPromptFailsAsBlocked() {
		google.stubFor(post(urlEqualTo(GENERATE_PATH))
			.willReturn(json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}")));
		StepVerifier.create(client().generate(MODEL, "question", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.BLOCKED);
				assertThat(error.getMessage()).contains("blocked").contains("SAFETY");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void unreachableEndpointFailsAsUnavailable() throws Exception {
		String baseUrl;
		try (RawHttpServer server = RawHttpServer.silent()) {
			baseUrl = server.baseUrl();
		}
		StepVerifier.create(client(baseUrl).generate(MODEL, "question", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
				assertThat(error.getMessage()).contains("could not be reached");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void countTokensReturnsTotal() {
		google.stubFor(post(urlEqualTo("/v1beta/models/gemini-test:countTokens"))
			.willReturn(json(200, "{\"totalTokens\":7}")));
		StepVerifier.create(client().countTokens(MODEL, "ping", TIMEOUT))
			.expectNext(7)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@CsvSource({ "400, INVALID_ARGUMENT, BAD_REQUEST, as invalid", "401, UNAUTHENTICATED, UNAUTHENTICATED, credentials",
			"403, PERMISSION_DENIED, PERMISSION_DENIED, Permission denied",
			"404, NOT_FOUND, NOT_FOUND, was not found on the Gemini Developer API",
			"429, RESOURCE_EXHAUSTED, RATE_LIMITED, Rate limit or quota", "500, INTERNAL, UNAVAILABLE, unavailable",
			"503, UNAVAILABLE, UNAVAILABLE, unavailable" })
	void errorAnswersMapToKinds(int status, String googleStatus, Kind kind, String text) {
		google.stubFor(post(urlEqualTo(GENERATE_PATH)).willReturn(json(status, "{\"error\":{\"code\":" + status
				+ ",\"message\":\"Google says no, key=" + KEY + "\",\"status\":\"" + googleStatus + "\"}}")));
		StepVerifier.create(client().generate(MODEL, "question", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(kind);
				assertThat(error.getStatus()).isEqualTo(status);
				assertThat(error.getModel()).isEqualTo(MODEL);
				assertThat(error.getMessage()).contains("'gemini-test'")
					.contains(text)
					.contains("Google says no")
					.contains(googleStatus)
					.doesNotContain(KEY);
			}))
			.verify(TIMEOUT);
	}

	@Test
	void streamErrorInsideArrayIsMapped() {
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(json(429,
				"[{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}]")));
		StepVerifier.create(client().stream(MODEL, "hello", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
				assertThat(error.getMessage()).contains("Quota exceeded");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void streamErrorFrameAfterTextFailsTheStream() {
		String error = "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n";
		google.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(sse(frame("Partial") + error)));
		StepVerifier.create(client().stream(MODEL, "hello", TIMEOUT))
			.expectNext("Partial")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class,
					(modelError) -> assertThat(modelError.getKind()).isEqualTo(Kind.UNAVAILABLE)))
			.verify(TIMEOUT);
	}

	@Test
	void errorAnswerThatIsNotJsonIsStillMapped() {
		google.stubFor(post(urlEqualTo(GENERATE_PATH))
			.willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
		StepVerifier.create(client().generate(MODEL, "question", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
				assertThat(error.getMessage()).contains("502").contains("Bad Gateway");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void missingApiKeyFailsWithoutCallingGoogle() {
		GeminiClient client = new GeminiClient(WebClient.create(google.baseUrl()), new GeminiApiEndpoint(""),
				JsonMapper.shared());
		StepVerifier.create(client.stream(MODEL, "hello", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.NOT_CONFIGURED);
				assertThat(error.getModel()).isEqualTo(MODEL);
				assertThat(error.getMessage()).contains("hardening.reasoning.gemini-api.api-key is not set");
			}))
			.verify(TIMEOUT);
		assertThat(google.getAllServeEvents()).isEmpty();
	}

	@Test
	void silentServerTimesOutWithinBudget() throws Exception {
		try (RawHttpServer server = RawHttpServer.silent()) {
			GeminiClient client = client(server.baseUrl());
			Duration budget = Duration.ofMillis(300);
			long started = System.nanoTime();
			StepVerifier.create(client.stream(MODEL, "hello", budget))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class,
						(error) -> assertThat(error.getKind()).isEqualTo(Kind.TIMEOUT)))
				.verify(TIMEOUT);
			StepVerifier.create(client.generate(MODEL, "hello", budget))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class,
						(error) -> assertThat(error.getMessage()).contains("did not answer within 300ms")))
				.verify(TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void cancellingTheStreamClosesTheConnection() throws Exception {
		try (RawHttpServer server = RawHttpServer.oneFrame(frame("First"))) {
			List<String> received = new CopyOnWriteArrayList<>();
			Disposable subscription = client(server.baseUrl()).stream(MODEL, "hello", Duration.ofMinutes(1))
				.subscribe(received::add);
			await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("First"));
			assertThat(server.clientClosed()).isFalse();
			subscription.dispose();
			await().atMost(Duration.ofSeconds(5)).until(server::clientClosed);
		}
	}

	@Test
	void webClientIsBuiltOnFirstCallAndOnlyOnce() {
		google.stubFor(post(urlEqualTo("/v1beta/models/gemini-test:countTokens"))
			.willReturn(json(200, "{\"totalTokens\":7}")));
		AtomicInteger built = new AtomicInteger();
		GeminiClient client = new GeminiClient(() -> {
			built.incrementAndGet();
			return WebClient.create(google.baseUrl());
		}, new GeminiApiEndpoint(KEY), JsonMapper.shared());
		assertThat(built).hasValue(0);
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(client.countTokens(MODEL, "ping", TIMEOUT))
				.expectNext(7)
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(built).hasValue(1);
	}

	private GeminiClient client() {
		return client(google.baseUrl());
	}

	private GeminiClient client(String baseUrl) {
		return new GeminiClient(WebClient.create(baseUrl), new GeminiApiEndpoint(KEY), JsonMapper.shared());
	}

	static String frame(String text) {
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text
				+ "\"}]}}]}\r\n\r\n";
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
