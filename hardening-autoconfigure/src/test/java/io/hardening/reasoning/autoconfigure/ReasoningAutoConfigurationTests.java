package io.hardening.reasoning.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiInitComponent;
import io.hardening.reasoning.simulated.SimulatedInitComponent;
import io.hardening.reasoning.vertex.VertexCredentialsSupplier;
import io.hardening.testsupport.IsolatedReactorResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ReasoningAutoConfiguration}.
 */
class ReasoningAutoConfigurationTests {

	private static final Duration VERIFY = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension google = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
		.build();

	// Own Reactor Netty resources: closing a context that used the global ones would
	// dispose them under every other test application of the suite.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new IsolatedReactorResources())
		.withConfiguration(AutoConfigurations.of(ReasoningAutoConfiguration.class));

	@Test
	void defaultProviderIsVertexWithCurrentModels() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ReasoningModels.class)
				.hasSingleBean(GeminiClient.class)
				.hasSingleBean(VertexCredentialsSupplier.class);
			ReasoningModels models = context.getBean(ReasoningModels.class);
			assertThat(models.flash().name()).isEqualTo("gemini-3.8-flash");
			assertThat(models.pro().name()).isEqualTo("gemini-3.1-pro-preview");
			assertThat(context.getBean("vertexAi")).isInstanceOf(GeminiInitComponent.class);
			assertThat(context.getBean("vertexAi", InitComponent.class).name()).isEqualTo("vertexAi");
			assertThat(context.getBean(GeminiClient.class).getEndpoint())
				.hasToString("VertexEndpoint[project null, location global]");
		});
	}

	@Test
	void vertexProviderCallsConfiguredLocationProjectAndModels() {
		this.runner
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withBean(VertexCredentialsSupplier.class,
					() -> () -> GoogleCredentials
						.create(new AccessToken("ctx-token", Date.from(Instant.now().plus(Duration.ofHours(1))))))
			.withPropertyValues("hardening.reasoning.vertex.project-id=demo",
					"hardening.reasoning.vertex.location=asia-east1",
					"hardening.reasoning.vertex.base-url=" + google.baseUrl(),
					"hardening.reasoning.flash.model=flash-x", "hardening.reasoning.pro.model=pro-x")
			.run((context) -> {
				google.stubFor(post(urlPathMatching(".*:countTokens")).willReturn(
						aResponse().withHeader("Content-Type", "application/json").withBody("{\"totalTokens\":1}")));
				assertThatNoException().isThrownBy(context.getBean("vertexAi", InitComponent.class)::initialize);
				for (String model : new String[] { "flash-x", "pro-x" }) {
					google.verify(postRequestedFor(
							urlEqualTo("/v1/projects/demo/locations/asia-east1/publishers/google/models/" + model
									+ ":countTokens"))
						.withHeader("Authorization", equalTo("Bearer ctx-token")));
				}
			});
	}

	@Test
	void vertexInitWithoutProjectFailsButContextStarts() {
		this.runner.withBean(VertexCredentialsSupplier.class, () -> () -> {
			throw new IOException("no ADC");
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			InitComponent component = context.getBean("vertexAi", InitComponent.class);
			assertThat(catchThrowable(component::initialize))
				.hasMessage("hardening.reasoning.vertex.project-id is not set");
		});
	}

	@Test
	void geminiApiProviderSelectedByProperty() {
		this.runner
			.withPropertyValues("hardening.reasoning.provider=gemini-api",
					"hardening.reasoning.gemini-api.api-key=test-key")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReasoningModels.class)
					.doesNotHaveBean(VertexCredentialsSupplier.class);
				assertThat(context.getBean(GeminiClient.class).getEndpoint())
					.hasToString("GeminiApiEndpoint[api-key set]");
				assertThat(context.getBean(ReasoningModels.class).flash().name()).isEqualTo("gemini-3.8-flash");
				assertThat(context.getBean("vertexAi")).isInstanceOf(GeminiInitComponent.class);
			});
	}

	@Test
	void geminiApiProviderSendsKeyToConfiguredBaseUrl() {
		this.runner
			.withPropertyValues("hardening.reasoning.provider=GEMINI_API",
					"hardening.reasoning.gemini-api.api-key=test-key",
					"hardening.reasoning.gemini-api.base-url=" + google.baseUrl())
			.run((context) -> {
				flashAnswersOk(context);
				google.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.8-flash:generateContent"))
					.withHeader("x-goog-api-key", equalTo("test-key")));
			});
	}

	@Test
	void geminiClientUsesBootsCustomizersButNotTheApplicationsOwnWebClientBuilder() {
		// The application's WebClient.Builder bean replaces Boot's and may be made for
		// its
		// own calls: a @LoadBalanced one adds a filter that treats Gemini's host as a
		// service id. This one's filter fails every call it is part of.
		this.runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withBean("applicationsWebClientBuilder", WebClient.Builder.class,
					() -> WebClient.builder()
						.filter((request, next) -> Mono.error(new IllegalStateException("the application's builder"))))
			.withBean(WebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("x-customized-by", "webClientCustomizer"))
			.withPropertyValues("hardening.reasoning.provider=gemini-api",
					"hardening.reasoning.gemini-api.api-key=test-key",
					"hardening.reasoning.gemini-api.base-url=" + google.baseUrl())
			.run((context) -> {
				flashAnswersOk(context);
				google.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.8-flash:generateContent"))
					.withHeader("x-customized-by", equalTo("webClientCustomizer")));
			});
	}

	@Test
	void simulatedProviderSelectedByProperty() {
		this.runner
			.withPropertyValues("hardening.reasoning.provider=simulated",
					"hardening.reasoning.simulated.flash-latency=0", "hardening.reasoning.simulated.init-failures=1")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReasoningModels.class).doesNotHaveBean(GeminiClient.class);
				ReasoningModels models = context.getBean(ReasoningModels.class);
				assertThat(models.flash().name()).isEqualTo("simulated-flash");
				assertThat(models.pro().name()).isEqualTo("simulated-pro");
				StepVerifier.create(models.flash().stream("q").count())
					.assertNext((count) -> assertThat(count).isGreaterThan(1))
					.expectComplete()
					.verify(VERIFY);
				assertThat(context.getBean("vertexAi")).isInstanceOf(SimulatedInitComponent.class);
			});
	}

	@Test
	void userModelsReplaceBuiltInOnes() {
		ReasoningModels own = new ReasoningModels(new FixedModel("own-flash"), new FixedModel("own-pro"));
		this.runner.withBean(ReasoningModels.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(ReasoningModels.class)
				.doesNotHaveBean(GeminiClient.class)
				.doesNotHaveBean("vertexAi");
			assertThat(context.getBean(ReasoningModels.class)).isSameAs(own);
		});
	}

	@Test
	void userInitComponentReplacesBuiltInOne() {
		InitComponent own = new SimulatedInitComponent("vertexAi", 0);
		this.runner.withPropertyValues("hardening.reasoning.provider=simulated")
			.withBean("vertexAi", InitComponent.class, () -> own)
			.run((context) -> assertThat(context.getBean("vertexAi")).isSameAs(own));
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("hardening.reasoning.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReasoningModels.class)
				.doesNotHaveBean(ReasoningProperties.class)
				.doesNotHaveBean("vertexAi"));
	}

	@Test
	void vertexBacksOffWithoutGoogleAuthLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("com.google.auth"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReasoningModels.class));
	}

	@Test
	void simulatedWorksWithoutWebClient() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive", "com.google.auth"))
			.withPropertyValues("hardening.reasoning.provider=simulated")
			.run((context) -> assertThat(context).hasSingleBean(ReasoningModels.class));
	}

	@Test
	void invalidFailureRateFailsNamingTheProperty() {
		this.runner
			.withPropertyValues("hardening.reasoning.provider=simulated",
					"hardening.reasoning.simulated.flash-failure-rate=2.0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("hardening.reasoning.simulated.flash-failure-rate must be between 0.0 and 1.0"));
	}

	@Test
	void invalidProviderFailsNamingTheProperty() {
		this.runner.withPropertyValues("hardening.reasoning.provider=openai")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("hardening.reasoning.provider"));
	}

	private record FixedModel(String name) implements ReasoningModel {

		@Override
		public Flux<String> stream(String query) {
			return Flux.just("fixed");
		}

		@Override
		public Mono<String> generate(String query) {
			return Mono.just("fixed");
		}

	}

	// Gemini's flash model answers "ok" through the stand-in, and the client returns it.
	private static void flashAnswersOk(ApplicationContext context) {
		google.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.8-flash:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok\"}]}}]}")));
		StepVerifier.create(context.getBean(ReasoningModels.class).flash().generate("q"))
			.expectNext("ok")
			.expectComplete()
			.verify(VERIFY);
	}

}
