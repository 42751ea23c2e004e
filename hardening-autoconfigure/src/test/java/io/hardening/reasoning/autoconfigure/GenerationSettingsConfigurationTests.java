package io.hardening.reasoning.autoconfigure;

import java.time.Duration;

import io.hardening.autoconfigure.InvalidHardeningPropertyFailureAnalyzer;
import io.hardening.testsupport.IsolatedReactorResources;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the generation settings and retries of {@code hardening.reasoning.flash} and
 * {@code .pro}: bad values end start-up with a report naming the property.
 */
class GenerationSettingsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new IsolatedReactorResources())
		.withConfiguration(AutoConfigurations.of(ReasoningAutoConfiguration.class))
		.withPropertyValues("hardening.reasoning.provider=gemini-api", "hardening.reasoning.gemini-api.api-key=k");

	@Test
	void thinkingLevelAndThinkingBudgetTogetherEndStartUpWithAFailureAnalysis() {
		this.runner
			.withPropertyValues("hardening.reasoning.pro.thinking-level=high",
					"hardening.reasoning.pro.thinking-budget=1024")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidHardeningPropertyFailureAnalyzer(
						new MockEnvironment().withProperty("hardening.reasoning.pro.thinking-level", "high")
							.withProperty("hardening.reasoning.pro.thinking-budget", "1024"))
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith(
							"Invalid value '1024' for configuration property 'hardening.reasoning.pro.thinking-budget'")
					.contains("hardening.reasoning.pro.thinking-level = high");
				assertThat(analysis.getAction()).contains("not both");
			});
	}

	@Test
	void temperatureOutOfRangeEndsStartUpNamingTheProperty() {
		assertBindFailure("hardening.reasoning.flash.temperature=2.5",
				"hardening.reasoning.flash.temperature must be between 0.0 and 2.0, got 2.5");
	}

	@Test
	void maxOutputTokensOutOfRangeEndsStartUpNamingTheProperty() {
		assertBindFailure("hardening.reasoning.pro.max-output-tokens=0",
				"hardening.reasoning.pro.max-output-tokens must be between 1 and 65536, got 0");
	}

	@Test
	void unknownThinkingLevelEndsStartUpNamingTheProperty() {
		assertBindFailure("hardening.reasoning.flash.thinking-level=extreme",
				"hardening.reasoning.flash.thinking-level must be one of minimal, low, medium, high, got 'extreme'");
	}

	@Test
	void thinkingBudgetBelowMinusOneEndsStartUpNamingTheProperty() {
		assertBindFailure("hardening.reasoning.flash.thinking-budget=-2",
				"hardening.reasoning.flash.thinking-budget must be -1 (the model decides) or between 0 and 32768");
	}

	@Test
	void zeroRetryAttemptsEndStartUpNamingTheProperty() {
		assertBindFailure("hardening.reasoning.pro.retry.max-attempts=0",
				"hardening.reasoning.pro.retry.max-attempts must be between 1 and 10, got 0");
	}

	@Test
	void retryAttemptsAndBudgetsReachTheStreams() {
		ReasoningProperties properties = new ReasoningProperties();
		properties.getPro().getRetry().setMaxAttempts(5);
		properties.getFlash().setFirstTokenTimeout(Duration.ofSeconds(7));
		assertThat(ReasoningStreamAutoConfiguration.settings(properties).pro().maxAttempts()).isEqualTo(5);
		assertThat(ReasoningStreamAutoConfiguration.settings(properties).flash().maxAttempts()).isEqualTo(3);
		assertThat(ReasoningStreamAutoConfiguration.settings(properties).flash().firstToken())
			.isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void settingsAreNormalizedAndPassedOn() {
		ModelProperties model = new ReasoningProperties().getFlash();
		model.setThinkingLevel(" LOW ");
		model.setTemperature(0.0);
		assertThat(GeminiClients.settings(model, "Be brief.")).satisfies((settings) -> {
			assertThat(settings.thinkingLevel()).isEqualTo("low");
			assertThat(settings.temperature()).isEqualTo(0.0);
			assertThat(settings.thinkingBudget()).isNull();
			assertThat(settings.systemInstruction()).isEqualTo("Be brief.");
		});
	}

	private void assertBindFailure(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			BindException bind = find(failure, BindException.class);
			assertThat(bind).as("a BindException in %s", failure).isNotNull();
			assertThat(bind.getProperty().getName().toString()).isEqualTo(property.substring(0, property.indexOf('=')));
			assertThat(rootCause(failure).getMessage()).contains(message);
		});
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
