package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.hardening.probes.InMemoryHealthContributors;
import io.hardening.resilience.CircuitBreakersHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code circuitBreakers} health contributor. Resilience4j's
 * own indicator is written against Boot 3's health API and never registers on Boot 4.
 * Boot names the contributor {@code circuitBreakers} after the bean; the switch is
 * {@code management.health.circuitbreakers.enabled}, the key Resilience4j uses too.
 */
@AutoConfiguration(after = ResilienceRegistriesAutoConfiguration.class,
		afterName = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration")
@ConditionalOnClass(name = { "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
		"org.springframework.boot.health.contributor.HealthIndicator" })
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ConditionalOnEnabledHealthIndicator("circuitbreakers")
public final class CircuitBreakersHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
	CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry circuitBreakerRegistry) {
		return new CircuitBreakersHealthIndicator(circuitBreakerRegistry);
	}

	/**
	 * In a reactive application, the indicator answers on the asking thread: it reads the
	 * breakers' states from memory, and Boot's adapter of a blocking one would hop
	 * threads on every {@code /health}. Nested, so it is registered before the blocking
	 * one above is considered.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveCircuitBreakersHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
		ReactiveHealthContributor circuitBreakersHealthIndicator(CircuitBreakerRegistry circuitBreakerRegistry) {
			return InMemoryHealthContributors.adapt(new CircuitBreakersHealthIndicator(circuitBreakerRegistry));
		}

	}

}
