package io.hardening.autoconfigure;

import io.hardening.init.autoconfigure.InitAutoConfiguration;
import io.hardening.reasoning.autoconfigure.ReasoningProperties;
import io.hardening.storage.autoconfigure.StorageAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a person sees when a property is wrong: Boot's report with a description naming
 * the property and its value, an action, and no stack trace. Each case prints that report
 * (at ERROR, as Boot does); nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidHardeningPropertyFailureAnalyzerTests {

	@Test
	void maxIntervalBelowInitialIntervalPrintsReportNamingBothProperties(CapturedOutput output) {
		run(InitConfiguration.class, "--hardening.init.retry.initial-interval=10s",
				"--hardening.init.retry.max-interval=1s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("Invalid value '1s' for configuration property 'hardening.init.retry.max-interval'")
			.contains("it conflicts with 'hardening.init.retry.initial-interval' = 10s")
			.contains("Action:");
		assertNoStackTrace(output);
	}

	// Issue 21: a user who sets initial-interval above application.yml's max-interval
	// was told that max-interval was wrong.
	@Test
	void initialIntervalSetOnTheCommandLineIsBlamedOverMaxIntervalFromApplicationYaml(CapturedOutput output) {
		run(InitConfiguration.class, "--spring.config.name=init-retry-max-interval",
				"--hardening.init.retry.initial-interval=10m");
		assertThat(output)
			.contains("Invalid value '10m' for configuration property "
					+ "'hardening.init.retry.initial-interval' (from \"hardening.init.retry.initial-interval\" "
					+ "from property source \"commandLineArgs\"):")
			.contains("it conflicts with 'hardening.init.retry.max-interval' = 5m "
					+ "(from class path resource [init-retry-max-interval.yml] - 4:21).")
			.contains("Rule: hardening.init.retry.max-interval must not be below "
					+ "hardening.init.retry.initial-interval.")
			.contains("Lower hardening.init.retry.initial-interval");
		assertNoStackTrace(output);
	}

	@Test
	void maxIntervalSetOnTheCommandLineIsBlamedOverInitialIntervalFromApplicationYaml(CapturedOutput output) {
		run(InitConfiguration.class, "--spring.config.name=init-retry-initial-interval",
				"--hardening.init.retry.max-interval=5s");
		assertThat(output)
			.contains("Invalid value '5s' for configuration property 'hardening.init.retry.max-interval' (from \"")
			.contains("it conflicts with 'hardening.init.retry.initial-interval' = 30s "
					+ "(from class path resource [init-retry-initial-interval.yml] - 4:25).");
		assertNoStackTrace(output);
	}

	@Test
	void theOnlyPropertySetIsBlamedOverADefault(CapturedOutput output) {
		run(InitConfiguration.class, "--hardening.init.retry.initial-interval=10m");
		assertThat(output)
			.contains("Invalid value '10m' for configuration property 'hardening.init.retry.initial-interval' (from")
			.contains("it conflicts with 'hardening.init.retry.max-interval' = 5m (default).");
		assertNoStackTrace(output);
	}

	@Test
	void gcsModeWithoutBucketPrintsReportNamingMode(CapturedOutput output) {
		run(StorageConfiguration.class, "--hardening.storage.mode=gcs", "--hardening.storage.filesystem.path=target/x");
		assertThat(output).contains("Description:")
			.contains("Invalid value 'gcs' for configuration property 'hardening.storage.mode'")
			.contains("Action:")
			.contains("Set hardening.storage.gcs.bucket");
		assertNoStackTrace(output);
	}

	@Test
	void setterValidationPrintsBootsBindReportNamingProperty(CapturedOutput output) {
		// Boot's own bind analyzer covers single-property checks in setters.
		run(ReasoningConfiguration.class, "--hardening.reasoning.max-concurrent-streams=0");
		assertThat(output).contains("Description:")
			.contains("hardening.reasoning.max-concurrent-streams")
			.contains("Value: \"0\"")
			.contains("Action:");
		assertNoStackTrace(output);
	}

	private static void run(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--spring.main.banner-mode=off";
		assertThatException().isThrownBy(() -> application.run(all).close());
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		// Spring logs the exception message on one WARN line; no frames, no causes.
		assertThat(output).doesNotContain("\tat ").doesNotContain("Caused by");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(InitAutoConfiguration.class)
	static class InitConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, StorageAutoConfiguration.class })
	static class StorageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ReasoningProperties.class)
	static class ReasoningConfiguration {

	}

}
