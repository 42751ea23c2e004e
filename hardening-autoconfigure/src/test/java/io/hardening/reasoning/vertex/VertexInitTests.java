package io.hardening.reasoning.vertex;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiInitComponent;
import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the {@code vertexAi} init component of the vertex provider: a
 * {@link GeminiInitComponent} over a {@link VertexEndpoint}.
 */
@ExtendWith(BlockHoundInstalled.class)
class VertexInitTests {

	private static final String MODELS_PATH = "/v1/projects/my-project/locations/europe-west4/publishers/google/models/";

	@RegisterExtension
	static WireMockExtension vertex = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	@Test
	void initializeWhenProjectMissingFails() {
		GeminiInitComponent component = component(null, () -> VertexEndpointTests.token("t"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(component::initialize)
			.withMessage("hardening.reasoning.vertex.project-id is not set");
		assertThat(vertex.getAllServeEvents()).isEmpty();
	}

	@Test
	void initializeWhenCredentialsMissingFailsWithAdcHint() {
		GeminiInitComponent component = component("my-project", () -> {
			throw new IOException("The Application Default Credentials are not available");
		});
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(component::initialize)
			.withMessageContaining("gcloud auth application-default login")
			.withMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
		assertThat(vertex.getAllServeEvents()).isEmpty();
	}

	@Test
	void initializeWhenCredentialsHangFailsWithinBudget() {
		CountDownLatch never = new CountDownLatch(1);
		GeminiInitComponent component = component("my-project", () -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return VertexEndpointTests.token("late");
		}, Duration.ofMillis(300));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(component::initialize)
			.withMessage("Checking the credentials took longer than 300ms");
	}

	@Test
	void initializeWhenModelNotFoundNamesModelAndLocation() {
		stubCountTokens("gemini-flash-test", 200, "{\"totalTokens\":1}");
		stubCountTokens("gemini-retired-pro", 404,
				"{\"error\":{\"code\":404,\"message\":\"Publisher Model "
						+ "`projects/my-project/locations/europe-west4/publishers/google/models/gemini-retired-pro` "
						+ "was not found\",\"status\":\"NOT_FOUND\"}}");
		GeminiInitComponent component = component("my-project", () -> VertexEndpointTests.token("t"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(component::initialize)
			.withMessageContaining("Model 'gemini-retired-pro' was not found in location 'europe-west4'")
			.withMessageNotContaining("'gemini-flash-test'");
	}

	@Test
	void initializeWhenBothModelsAnswerSucceeds() {
		stubCountTokens("gemini-flash-test", 200, "{\"totalTokens\":1}");
		stubCountTokens("gemini-retired-pro", 200, "{\"totalTokens\":1}");
		GeminiInitComponent component = component("my-project", () -> VertexEndpointTests.token("t"));
		assertThat(component.name()).isEqualTo("vertexAi");
		assertThatNoException().isThrownBy(component::initialize);
		for (String model : List.of("gemini-flash-test", "gemini-retired-pro")) {
			vertex.verify(postRequestedFor(urlEqualTo(MODELS_PATH + model + ":countTokens")).withHeader("Authorization",
					equalTo("Bearer t")));
		}
	}

	private void stubCountTokens(String model, int status, String body) {
		vertex.stubFor(post(urlEqualTo(MODELS_PATH + model + ":countTokens"))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private GeminiInitComponent component(String project, VertexCredentialsSupplier credentials) {
		return component(project, credentials, Duration.ofSeconds(5));
	}

	private GeminiInitComponent component(String project, VertexCredentialsSupplier credentials, Duration timeout) {
		GeminiClient client = new GeminiClient(WebClient.create(vertex.baseUrl()),
				new VertexEndpoint(project, "europe-west4", credentials), JsonMapper.shared());
		return new GeminiInitComponent("vertexAi", client, List.of("gemini-flash-test", "gemini-retired-pro"), timeout);
	}

}
