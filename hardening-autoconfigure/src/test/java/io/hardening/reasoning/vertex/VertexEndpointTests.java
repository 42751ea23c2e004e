package io.hardening.reasoning.vertex;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

/**
 * Tests for {@link VertexEndpoint} over HTTP against a local stand-in of Vertex AI.
 */
class VertexEndpointTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String MODEL_PATH = "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-test";

	@RegisterExtension
	static WireMockExtension vertex = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	@Test
	void baseUrlOfGlobalLocationIsTheGlobalHost() {
		assertThat(VertexEndpoint.baseUrl("global")).isEqualTo("https://aiplatform.googleapis.com");
	}

	@Test
	void baseUrlOfRegionIsTheRegionalHost() {
		assertThat(VertexEndpoint.baseUrl("us-central1")).isEqualTo("https://us-central1-aiplatform.googleapis.com");
	}

	@Test
	void streamPostsToPublisherModelPathWithBearerToken() {
		vertex.stubFor(post(urlEqualTo(MODEL_PATH + ":streamGenerateContent?alt=sse"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}]}}]}\r\n\r\n"
						+ "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" there\"}]}}]}\r\n\r\n")));
		GeminiModel model = new GeminiModel(client(endpoint("my-project", () -> token("test-token"))), "gemini-test",
				TIMEOUT);
		StepVerifier.create(model.stream("hello")).expectNext("Hello", " there").expectComplete().verify(TIMEOUT);
		vertex.verify(postRequestedFor(urlEqualTo(MODEL_PATH + ":streamGenerateContent?alt=sse"))
			.withHeader("Authorization", equalTo("Bearer test-token"))
			.withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}")));
	}

	@Test
	void generatePostsToGenerateContent() {
		vertex.stubFor(post(urlEqualTo(MODEL_PATH + ":generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Whole\"}]}}]}")));
		GeminiModel model = new GeminiModel(client(endpoint("my-project", () -> token("test-token"))), "gemini-test",
				TIMEOUT);
		StepVerifier.create(model.generate("hello")).expectNext("Whole").expectComplete().verify(TIMEOUT);
		vertex.verify(postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent")).withHeader("Authorization",
				equalTo("Bearer test-token")));
	}

	@Test
	void notFoundNamesModelAndLocation() {
		vertex.stubFor(post(urlEqualTo(MODEL_PATH + ":generateContent")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"{\"error\":{\"code\":404,\"message\":\"Publisher Model was not found\",\"status\":\"NOT_FOUND\"}}")));
		GeminiModel model = new GeminiModel(client(endpoint("my-project", () -> token("test-token"))), "gemini-test",
				TIMEOUT);
		StepVerifier.create(model.generate("hello"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.NOT_FOUND);
				assertThat(error.getMessage()).contains("'gemini-test'")
					.contains("location 'us-central1'")
					.contains("project 'my-project'");
			}))
			.verify(TIMEOUT);
	}

	@Test
	void credentialsAreLoadedOnceOffTheEventLoop() {
		vertex.stubFor(post(urlEqualTo(MODEL_PATH + ":countTokens"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"totalTokens\":1}")));
		AtomicInteger loads = new AtomicInteger();
		AtomicReference<String> loadThread = new AtomicReference<>();
		GeminiClient client = client(endpoint("my-project", () -> {
			loads.incrementAndGet();
			loadThread.set(Thread.currentThread().getName());
			return token("test-token");
		}));
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(client.countTokens("gemini-test", "ping", TIMEOUT))
				.expectNext(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(loads).hasValue(1);
		assertThat(loadThread.get()).contains("boundedElastic");
	}

	@Test
	void missingCredentialsFailWithAdcHint() {
		GeminiClient client = client(endpoint("my-project", () -> {
			throw new IOException("Your default credentials were not found");
		}));
		StepVerifier.create(client.generate("gemini-test", "hello", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.NOT_CONFIGURED);
				assertThat(error.getMessage()).contains("Application Default Credentials")
					.contains("gcloud auth application-default login")
					.contains("GOOGLE_APPLICATION_CREDENTIALS")
					.contains("Your default credentials were not found");
			}))
			.verify(TIMEOUT);
		assertThat(vertex.getAllServeEvents()).isEmpty();
	}

	@Test
	void missingProjectFailsWithPropertyName() {
		GeminiClient client = client(endpoint(null, () -> token("test-token")));
		StepVerifier.create(client.generate("gemini-test", "hello", TIMEOUT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class,
					(error) -> assertThat(error.getMessage())
						.isEqualTo("hardening.reasoning.vertex.project-id is not set")))
			.verify(TIMEOUT);
	}

	private VertexEndpoint endpoint(String project, VertexCredentialsSupplier credentials) {
		return new VertexEndpoint(project, "us-central1", credentials);
	}

	private GeminiClient client(VertexEndpoint endpoint) {
		return new GeminiClient(WebClient.create(vertex.baseUrl()), endpoint, JsonMapper.shared());
	}

	static GoogleCredentials token(String value) {
		return GoogleCredentials.create(new AccessToken(value, Date.from(Instant.now().plus(Duration.ofHours(1)))));
	}

}
