package io.hardening.reasoning.stream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;

/**
 * Real Resilience4j breakers through Spring Cloud's factory, without a context.
 */
public final class TestBreakers {

	private TestBreakers() {
	}

	/**
	 * A factory with default breakers and no time limiter, as the starter configures
	 * {@code flash} and {@code pro}.
	 * @return the factory
	 */
	public static ReactiveResilience4JCircuitBreakerFactory factory() {
		return factory(CircuitBreakerRegistry.ofDefaults());
	}

	/**
	 * A factory whose breakers open after two failed calls.
	 * @return the factory
	 */
	public static ReactiveResilience4JCircuitBreakerFactory openingAfterTwoFailures() {
		return factory(CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.minimumNumberOfCalls(2)
			.slidingWindowSize(2)
			.failureRateThreshold(50)
			.build()));
	}

	private static ReactiveResilience4JCircuitBreakerFactory factory(CircuitBreakerRegistry registry) {
		Resilience4JConfigurationProperties properties = new Resilience4JConfigurationProperties();
		properties.setDisableTimeLimiter(true);
		ReactiveResilience4JCircuitBreakerFactory factory = new ReactiveResilience4JCircuitBreakerFactory(registry,
				TimeLimiterRegistry.ofDefaults(), null, properties);
		factory.configureDefault(
				(id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(registry.getDefaultConfig()).build());
		return factory;
	}

}
