package io.hardening.reasoning.gemini;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link GeminiInitComponent} on the Gemini Developer API.
 */
@ExtendWith(BlockHoundInstalled.class)
class GeminiInitComponentTests {

	@RegisterExtension
	static WireMockExtension google = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	@Test
	void initializeWhenKeyMissingFails() {
		GeminiInitComponent component = component(google.baseUrl(), "", Duration.ofSeconds(5));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(component::initialize)
			.withMessageContaining("hardening.reasoning.gemini-api.api-key is not set");
		assertThat(google.getAllServeEvents()).isEmpty();
	}

	@Test
	void initializeWhenModelsAnswerSucceeds() {
		google.stubFor(post(urlEqualTo("/v1beta/models/flash-test:countTokens"))
			.willReturn(GeminiClientTests.json(200, "{\"totalTokens\":2}")));
		google.stubFor(post(urlEqualTo("/v1beta/models/pro-test:countTokens"))
			.willReturn(GeminiClientTests.json(200, "{\"totalTokens\":2}")));
		assertThatNoException().isThrownBy(component(google.baseUrl(), "key", Duration.ofSeconds(5))::initialize);
	}

	@Test
	void initializeWhenKeyRejectedFailsWithGoogleReason() {
		google.stubFor(post(urlEqualTo("/v1beta/models/flash-test:countTokens")).willReturn(GeminiClientTests.json(400,
				"{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
						+ "\"status\":\"INVALID_ARGUMENT\"}}")));
		google.stubFor(post(urlEqualTo("/v1beta/models/pro-test:countTokens"))
			.willReturn(GeminiClientTests.json(200, "{\"totalTokens\":2}")));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(component(google.baseUrl(), "key", Duration.ofSeconds(5))::initialize)
			.withMessageContaining("'flash-test'")
			.withMessageContaining("API key not valid");
	}

	@Test
	void initializeWhenEndpointSilentFailsWithinBudget() throws Exception {
		try (RawHttpServer server = RawHttpServer.silent()) {
			GeminiInitComponent component = component(server.baseUrl(), "key", Duration.ofMillis(300));
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(component::initialize)
				.withMessageContaining("did not answer within 300ms");
		}
	}

	private GeminiInitComponent component(String baseUrl, String key, Duration timeout) {
		GeminiClient client = new GeminiClient(WebClient.create(baseUrl), new GeminiApiEndpoint(key),
				JsonMapper.shared());
		return new GeminiInitComponent("vertexAi", client, List.of("flash-test", "pro-test"), timeout);
	}

}
