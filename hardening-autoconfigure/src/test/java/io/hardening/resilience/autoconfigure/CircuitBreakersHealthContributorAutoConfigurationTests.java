package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.hardening.resilience.CircuitBreakersHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakersHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakersHealthContributorAutoConfiguration.class))
		.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults);

	@Test
	void indicatorWhenRegistryExistsIsCreated() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakersHealthIndicator.class)
				.hasBean("circuitBreakersHealthIndicator");
			context.getBean(CircuitBreakerRegistry.class).circuitBreaker("flash");
			Health health = context.getBean(CircuitBreakersHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("flash");
		});
	}

	@Test
	void indicatorWhenUserDefinesOneBacksOff() {
		HealthIndicator own = () -> Health.up().build();
		this.runner.withBean("circuitBreakersHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class)
				.getBean("circuitBreakersHealthIndicator")
				.isSameAs(own));
	}

	@Test
	void indicatorWhenDisabledByPropertyIsAbsent() {
		this.runner.withPropertyValues("management.health.circuitbreakers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void indicatorWhenDisabledByDashedPropertyIsAbsent() {
		this.runner.withPropertyValues("management.health.circuit-breakers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void indicatorWhenHealthDefaultsAreOffIsAbsent() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void indicatorWithoutRegistryBeanIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CircuitBreakersHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void indicatorWithoutResilience4jIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void indicatorWithoutBootHealthIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("circuitBreakersHealthIndicator"));
	}

}
