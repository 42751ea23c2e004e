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
			.contains("hardening.init.retry.initial-interval = 10s")
			.contains("Action:");
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
