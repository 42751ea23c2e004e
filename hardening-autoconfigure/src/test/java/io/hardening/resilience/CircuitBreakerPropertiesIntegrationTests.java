package io.hardening.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code resilience4j.circuitbreaker.instances.<id>.*} reaches the breaker that
 * {@code ReactiveResilience4JCircuitBreakerFactory.create(id)} runs, beside the starter's
 * defaults for {@code flash} and {@code pro}.
 */
@SpringBootTest(classes = ResilienceTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "resilience4j.circuitbreaker.instances.flash.minimum-number-of-calls=2",
				"resilience4j.circuitbreaker.instances.flash.sliding-window-size=2",
				// The application's own values for one key each of pro.
				"resilience4j.circuitbreaker.instances.pro.slow-call-duration-threshold=10s",
				"spring.cloud.circuitbreaker.resilience4j.disable-time-limiter-map.pro=false" })
class CircuitBreakerPropertiesIntegrationTests {

	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private ReactiveResilience4JCircuitBreakerFactory factory;

	@Autowired
	private CircuitBreakerRegistry registry;

	@Autowired
	private BulkheadRegistry bulkheads;

	@Test
	void instancePropertiesWhenSetReachTheBreakerTheFactoryRuns() {
		assertThat(this.factory.getCircuitBreakerRegistry()).isSameAs(this.registry);
		// Resilience4j created both at startup, from the starter's defaults and these
		// keys.
		assertThat(this.registry.getAllCircuitBreakers()).extracting(CircuitBreaker::getName).contains("flash", "pro");
		CircuitBreakerConfig flash = this.registry.circuitBreaker("flash").getCircuitBreakerConfig();
		assertThat(flash.getMinimumNumberOfCalls()).isEqualTo(2);
		assertThat(flash.getSlidingWindowSize()).isEqualTo(2);
		assertThat(flash.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void bulkheadsOfBothModelsAdmitAsManyCallsAsTheStreamsAdmitted() {
		assertThat(this.bulkheads.bulkhead("flash").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(256);
		assertThat(this.bulkheads.bulkhead("pro").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(256);
	}

	@Test
	void twoFailedCallsWhenWindowIsTwoOpenTheBreakerAndTheNextCallFailsAtOnce() {
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(this.factory.create("flash").run(Flux.error(new IllegalStateException("model down"))))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NoFallbackAvailableException.class)
					.hasCauseInstanceOf(IllegalStateException.class))
				.verify(VERIFY_TIMEOUT);
		}
		assertThat(this.registry.circuitBreaker("flash").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		AtomicBoolean subscribed = new AtomicBoolean();
		Flux<String> upstream = Flux.defer(() -> {
			subscribed.set(true);
			return Flux.just("never");
		});
		// With a fallback that passes the error on, the caller sees the breaker's own
		// error.
		StepVerifier.create(this.factory.create("flash").run(upstream, Flux::error))
			.expectError(CallNotPermittedException.class)
			.verify(Duration.ofSeconds(1));
		// Without one, Spring Cloud wraps it.
		StepVerifier.create(this.factory.create("flash").run(upstream))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NoFallbackAvailableException.class)
				.hasCauseInstanceOf(CallNotPermittedException.class))
			.verify(Duration.ofSeconds(1));
		assertThat(subscribed).isFalse();
		assertThat(this.registry.circuitBreaker("flash").getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(2);
	}

	@Test
	void streamWhenPausingLongerThanASecondPassesThroughFlash() {
		Flux<String> stream = Flux.just("a", "b").delayElements(Duration.ofMillis(1500));
		StepVerifier.create(this.factory.create("flash").run(stream))
			.expectNext("a", "b")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(this.registry.circuitBreaker("flash").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void applicationValueWhenSetForOneKeyOverridesOnlyThatKey() {
		CircuitBreakerConfig pro = this.registry.circuitBreaker("pro").getCircuitBreakerConfig();
		assertThat(pro.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(10));
		assertThat(pro.getMinimumNumberOfCalls()).isEqualTo(100);
		assertThat(this.registry.circuitBreaker("flash").getCircuitBreakerConfig().getSlowCallDurationThreshold())
			.isEqualTo(Duration.ofSeconds(300));
		// pro has Spring Cloud's TimeLimiter back (1s per element); flash still has none.
		Flux<String> stream = Flux.just("a").delayElements(Duration.ofMillis(1500));
		StepVerifier.create(this.factory.create("pro").run(stream, Flux::error))
			.expectError(TimeoutException.class)
			.verify(VERIFY_TIMEOUT);
	}

}
