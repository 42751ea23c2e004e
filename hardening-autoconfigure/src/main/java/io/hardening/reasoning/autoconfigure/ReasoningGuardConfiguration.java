package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.stream.CircuitBreakerModelGuard;
import io.hardening.reasoning.stream.ModelGuard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model calls' circuit breakers: Spring Cloud Circuit Breaker's Resilience4j
 * instances {@code flash} and {@code pro}. Without them calls are not guarded.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory",
		"io.github.resilience4j.circuitbreaker.CallNotPermittedException" })
@ConditionalOnBean(ReactiveCircuitBreakerFactory.class)
class ReasoningGuardConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ModelGuard reasoningModelGuard(ReactiveCircuitBreakerFactory<?, ?> factory) {
		return new CircuitBreakerModelGuard(factory);
	}

}
