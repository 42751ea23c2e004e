package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.hardening.resilience.CircuitBreakersHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code circuitBreakers} health contributor. Resilience4j's
 * own indicator is written against Boot 3's health API and never registers on Boot 4.
 * Boot names the contributor {@code circuitBreakers} after the bean; the switch is
 * {@code management.health.circuitbreakers.enabled}, the key Resilience4j uses too.
 */
@AutoConfiguration(
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

}
