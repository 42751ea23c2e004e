package io.hardening.resilience;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code circuitBreakers} health contributor: one entry per Resilience4j circuit
 * breaker, UP while every breaker lets calls through, {@link #CIRCUIT_OPEN} while any is
 * open. Never DOWN, so an open breaker never takes the application out of service.
 */
public class CircuitBreakersHealthIndicator implements HealthIndicator {

	/**
	 * Status while at least one breaker is open or forced open. Boot's default status
	 * order does not list it, so the aggregate of {@code /health} ignores it.
	 */
	public static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN");

	private final CircuitBreakerRegistry registry;

	public CircuitBreakersHealthIndicator(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		Health.Builder builder = Health.up();
		boolean open = false;
		for (CircuitBreaker breaker : this.registry.getAllCircuitBreakers()
			.stream()
			.sorted(Comparator.comparing(CircuitBreaker::getName))
			.toList()) {
			open |= isOpen(breaker.getState());
			builder.withDetail(breaker.getName(), details(breaker));
		}
		return builder.status(open ? CIRCUIT_OPEN : Status.UP).build();
	}

	private static boolean isOpen(CircuitBreaker.State state) {
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
	}

	private static Map<String, Object> details(CircuitBreaker breaker) {
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", breaker.getState().name());
		// Both rates are -1 until the breaker has seen minimum-number-of-calls calls.
		details.put("failureRate", metrics.getFailureRate());
		details.put("slowCallRate", metrics.getSlowCallRate());
		details.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
		details.put("failedCalls", metrics.getNumberOfFailedCalls());
		details.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		return details;
	}

}
