package io.hardening.testsupport;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes every circuit breaker of a test's application and empties its window before each
 * test method. The test methods of a class share its application (and so do classes with
 * the same configuration), and with it the breakers: the failures one test makes, or a
 * call that a busy machine slowed into a failure, could open a breaker that a later test,
 * or the rerun of a failed one, then finds open, so that its calls are refused and the
 * rerun can never pass. A test that needs a breaker open opens it itself. Registered for
 * every Spring test in {@code META-INF/spring.factories}.
 */
public class ClosedCircuitBreakers implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(CircuitBreakerRegistry.class)
				.ifAvailable((registry) -> registry.getAllCircuitBreakers().forEach(CircuitBreaker::reset));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
