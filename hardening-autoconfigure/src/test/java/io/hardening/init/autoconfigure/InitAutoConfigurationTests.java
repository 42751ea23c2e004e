package io.hardening.init.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.hardening.autoconfigure.InvalidHardeningPropertyFailureAnalyzer;
import io.hardening.init.InitComponent;
import io.hardening.init.InitTracker;
import io.hardening.init.actuate.InitEndpoint;
import io.hardening.init.actuate.InitHealthContributor;
import io.hardening.init.metrics.InitMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;

class InitAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitAutoConfiguration.class,
				InitHealthContributorAutoConfiguration.class, InitEndpointAutoConfiguration.class,
				InitMetricsAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=init")
		.withUserConfiguration(ComponentConfiguration.class);

	@Test
	void createsTrackerHealthEndpointAndMetricsByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InitTracker.class)
				.hasSingleBean(InitHealthContributor.class)
				.hasSingleBean(InitEndpoint.class)
				.hasSingleBean(InitMetrics.class);
			assertThat(context.getBean(InitTracker.class).names()).containsExactly("db");
		});
	}

	@Test
	void backsOffToUserTracker() {
		this.runner.withUserConfiguration(UserTrackerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(InitTracker.class).hasBean("userTracker");
			assertThat(context.getBean(InitTracker.class).names()).isEmpty();
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("hardening.init.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InitTracker.class)
				.doesNotHaveBean(InitHealthContributor.class)
				.doesNotHaveBean(InitEndpoint.class)
				.doesNotHaveBean(InitMetrics.class));
	}

	@Test
	void healthContributorDisabledByManagementProperty() {
		this.runner.withPropertyValues("management.health.init.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(InitTracker.class)
				.doesNotHaveBean(InitHealthContributor.class));
	}

	@Test
	void endpointAbsentWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(InitEndpoint.class));
	}

	@Test
	void trackerWorksWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasSingleBean(InitTracker.class)
				.doesNotHaveBean(InitHealthContributor.class));
	}

	@Test
	void invalidPropertyFailsWithMessageNamingIt() {
		this.runner.withPropertyValues("hardening.init.retry.multiplier=0.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("hardening.init.retry.multiplier must be at least 1");
		});
	}

	@Test
	void maxIntervalBelowInitialIntervalFails() {
		this.runner
			.withPropertyValues("hardening.init.retry.initial-interval=10s", "hardening.init.retry.max-interval=1s")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidHardeningPropertyFailureAnalyzer(
						new MockEnvironment().withProperty("hardening.init.retry.initial-interval", "10s")
							.withProperty("hardening.init.retry.max-interval", "1s"))
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("Invalid value '1s' for configuration property 'hardening.init.retry.max-interval'")
					.contains("it conflicts with 'hardening.init.retry.initial-interval' = 10s")
					.contains("Rule: hardening.init.retry.max-interval must not be below "
							+ "hardening.init.retry.initial-interval.");
				assertThat(analysis.getAction()).contains("hardening.init.retry.max-interval");
			});
	}

	@Test
	void retryPropertiesBecomeSpringExponentialBackOff() {
		InitProperties.Retry retry = new InitProperties.Retry();
		retry.setInitialInterval(Duration.ofSeconds(5));
		retry.setMultiplier(2);
		retry.setMaxInterval(Duration.ofSeconds(30));
		retry.setMaxAttempts(5);
		retry.setJitter(0.2);
		BackOffExecution execution = InitAutoConfiguration.backOff(retry).start();
		assertThat(execution.nextBackOff()).isBetween(5000L, 6000L);
		assertThat(execution.nextBackOff()).isBetween(8000L, 12000L);
		assertThat(execution.nextBackOff()).isBetween(16000L, 24000L);
		assertThat(execution.nextBackOff()).isBetween(24000L, 30000L);
		// five automatic attempts: four retries, then none
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void noMaxAttemptsRetriesForeverAtMaxInterval() {
		InitProperties.Retry retry = new InitProperties.Retry();
		retry.setJitter(0);
		BackOffExecution execution = InitAutoConfiguration.backOff(retry).start();
		assertThat(execution.nextBackOff()).isEqualTo(5000L);
		for (int i = 0; i < 1000; i++) {
			execution.nextBackOff();
		}
		assertThat(execution.nextBackOff()).isEqualTo(Duration.ofMinutes(5).toMillis());
	}

	@Configuration(proxyBeanMethods = false)
	static class ComponentConfiguration {

		@Bean
		InitComponent dbComponent() {
			return new InitComponent() {

				@Override
				public String name() {
					return "db";
				}

				@Override
				public void initialize() {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackerConfiguration {

		@Bean
		InitTracker userTracker() {
			return new InitTracker(List.of(), new FixedBackOff(1000), Duration.ofSeconds(1), Clock.systemUTC(),
					List.of());
		}

	}

}
