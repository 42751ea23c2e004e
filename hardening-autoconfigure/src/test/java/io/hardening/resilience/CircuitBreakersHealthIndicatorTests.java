package io.hardening.resilience;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakersHealthIndicatorTests {

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry
		.of(CircuitBreakerConfig.custom().minimumNumberOfCalls(2).slidingWindowSize(2).build());

	private final CircuitBreakersHealthIndicator indicator = new CircuitBreakersHealthIndicator(this.registry);

	@Test
	void healthWhenRegistryIsEmptyIsUpWithoutDetails() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).isEmpty();
	}

	@Test
	void healthWhenAllClosedIsUpWithOneEntryPerBreaker() {
		this.registry.circuitBreaker("flash");
		this.registry.circuitBreaker("pro");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("flash", "pro");
		assertThat(details(health, "flash")).containsExactly(Map.entry("state", "CLOSED"),
				Map.entry("failureRate", -1.0f), Map.entry("slowCallRate", -1.0f), Map.entry("bufferedCalls", 0),
				Map.entry("failedCalls", 0), Map.entry("notPermittedCalls", 0L));
	}

	@Test
	void healthWhenCallsFailReportsRatesAndCounts() {
		CircuitBreaker flash = this.registry.circuitBreaker("flash");
		flash.onSuccess(10, TimeUnit.MILLISECONDS);
		flash.onError(10, TimeUnit.MILLISECONDS, new IllegalStateException("boom"));
		assertThat(flash.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(flash.tryAcquirePermission()).isFalse();
		Health health = this.indicator.health();
		assertThat(details(health, "flash")).containsEntry("state", "OPEN")
			.containsEntry("failureRate", 50.0f)
			.containsEntry("slowCallRate", 0.0f)
			.containsEntry("bufferedCalls", 2)
			.containsEntry("failedCalls", 1)
			.containsEntry("notPermittedCalls", 1L);
	}

	@Test
	void healthWhenOneBreakerIsOpenIsCircuitOpenNeverDown() {
		this.registry.circuitBreaker("flash");
		this.registry.circuitBreaker("pro").transitionToOpenState();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(CircuitBreakersHealthIndicator.CIRCUIT_OPEN);
		assertThat(health.getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
		assertThat(details(health, "pro")).containsEntry("state", "OPEN");
		assertThat(details(health, "flash")).containsEntry("state", "CLOSED");
	}

	@Test
	void healthWhenForcedOpenIsCircuitOpen() {
		this.registry.circuitBreaker("flash").transitionToForcedOpenState();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(CircuitBreakersHealthIndicator.CIRCUIT_OPEN);
		assertThat(details(health, "flash")).containsEntry("state", "FORCED_OPEN");
	}

	@Test
	void healthWhenHalfOpenIsUp() {
		CircuitBreaker flash = this.registry.circuitBreaker("flash");
		flash.transitionToOpenState();
		flash.transitionToHalfOpenState();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(details(health, "flash")).containsEntry("state", "HALF_OPEN");
	}

	@Test
	void healthWhenDisabledOrMetricsOnlyIsUp() {
		this.registry.circuitBreaker("flash").transitionToDisabledState();
		this.registry.circuitBreaker("pro").transitionToMetricsOnlyState();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(details(health, "flash")).containsEntry("state", "DISABLED");
		assertThat(details(health, "pro")).containsEntry("state", "METRICS_ONLY");
	}

	@Test
	void healthWhenBreakerClosesAgainIsUp() {
		CircuitBreaker flash = this.registry.circuitBreaker("flash");
		flash.transitionToOpenState();
		assertThat(this.indicator.health().getStatus()).isEqualTo(CircuitBreakersHealthIndicator.CIRCUIT_OPEN);
		flash.transitionToClosedState();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String breaker) {
		return (Map<String, Object>) health.getDetails().get(breaker);
	}

}
