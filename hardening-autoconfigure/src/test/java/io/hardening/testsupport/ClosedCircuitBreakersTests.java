package io.hardening.testsupport;

import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClosedCircuitBreakers} is registered for every Spring test: a breaker one test
 * method leaves open is closed, with an empty window, when the next one starts.
 */
@SpringJUnitConfig
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClosedCircuitBreakersTests {

	@Autowired
	private CircuitBreakerRegistry registry;

	@Test
	@Order(1)
	void aTestLeavesABreakerOpenWithFailuresInItsWindow() {
		CircuitBreaker breaker = this.registry.circuitBreaker("flash");
		breaker.onError(0, TimeUnit.MILLISECONDS, new IllegalStateException("failed"));
		breaker.transitionToOpenState();
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	@Order(2)
	void theNextFindsItClosedAndItsWindowEmpty() {
		CircuitBreaker breaker = this.registry.circuitBreaker("flash");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	static class Breakers {

		@Bean
		CircuitBreakerRegistry circuitBreakerRegistry() {
			return CircuitBreakerRegistry.ofDefaults();
		}

	}

}
