package io.hardening.reasoning.autoconfigure;

import io.hardening.init.autoconfigure.InitAutoConfiguration;
import io.hardening.reasoning.stream.CircuitBreakerModelGuard;
import io.hardening.reasoning.stream.ModelGuard;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.RunRecorder;
import io.hardening.reasoning.stream.StorageRunRecorder;
import io.hardening.storage.autoconfigure.StorageAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import io.hardening.reasoning.stream.TestBreakers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasoningStreamAutoConfiguration}.
 */
class ReasoningStreamAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("hardening.reasoning.provider=simulated", "hardening.storage.mode=filesystem")
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, InitAutoConfiguration.class,
				StorageAutoConfiguration.class, ReasoningAutoConfiguration.class,
				ReasoningStreamAutoConfiguration.class))
		.withBean(ReactiveCircuitBreakerFactory.class, TestBreakers::factory);

	@Test
	void createsRunsBehindCircuitBreakersRecordedInStorage() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ReasoningRuns.class);
			assertThat(context.getBean(ModelGuard.class)).isInstanceOf(CircuitBreakerModelGuard.class);
			assertThat(context.getBean(RunRecorder.class)).isInstanceOf(StorageRunRecorder.class);
		});
	}

	@Test
	void oneConfigurationPropertiesClassBindsTheReasoningPrefix() {
		this.runner
			.withPropertyValues("hardening.reasoning.max-concurrent-streams=7", "hardening.reasoning.flash.timeout=9s")
			.run((context) -> {
				assertThat(context.getBeansWithAnnotation(ConfigurationProperties.class).values())
					.filteredOn((bean) -> "hardening.reasoning".equals(prefix(bean)))
					.singleElement()
					.isInstanceOfSatisfying(ReasoningProperties.class, (properties) -> {
						assertThat(properties.getMaxConcurrentStreams()).isEqualTo(7);
						assertThat(properties.getFlash().getTimeout()).hasSeconds(9);
					});
			});
	}

	private static String prefix(Object bean) {
		ConfigurationProperties annotation = bean.getClass().getAnnotation(ConfigurationProperties.class);
		return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
	}

	@Test
	void persistRunsOffRecordsNothing() {
		this.runner.withPropertyValues("hardening.reasoning.persist-runs=false").run((context) -> {
			assertThat(context).hasSingleBean(ReasoningRuns.class).doesNotHaveBean(RunRecorder.class);
		});
	}

	@Test
	void withoutCircuitBreakerLibraryCallsAreNotGuarded() {
		new ApplicationContextRunner().withPropertyValues("hardening.reasoning.provider=simulated")
			.withConfiguration(
					AutoConfigurations.of(ReasoningAutoConfiguration.class, ReasoningStreamAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ReasoningRuns.class);
				assertThat(context).doesNotHaveBean(ModelGuard.class);
			});
	}

	@Test
	void backsOffToUserRuns() {
		this.runner.withBean("myRuns", ReasoningRuns.class, () -> org.mockito.Mockito.mock(ReasoningRuns.class))
			.run((context) -> assertThat(context).hasSingleBean(ReasoningRuns.class).hasBean("myRuns"));
	}

	@Test
	void reasoningDisabledCreatesNoRuns() {
		this.runner.withPropertyValues("hardening.reasoning.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReasoningRuns.class));
	}

	@Test
	void invalidPropertyFailsWithItsName() {
		this.runner.withPropertyValues("hardening.reasoning.max-concurrent-streams=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("hardening.reasoning.max-concurrent-streams"));
	}

}
