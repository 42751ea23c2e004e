package io.hardening.reasoning.stream;

import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/**
 * Runs each model call through the Spring Cloud Circuit Breaker instance named after its
 * role ({@code flash}, {@code pro}), configured by the standard
 * {@code resilience4j.circuitbreaker.instances.*} keys. A call the open breaker refuses
 * fails at once with {@link Kind#CIRCUIT_OPEN}; a call the full bulkhead Spring Cloud
 * puts around the breaker refuses fails at once with {@link Kind#OVERLOADED}.
 */
public class CircuitBreakerModelGuard implements ModelGuard {

	private final ReactiveCircuitBreaker flash;

	private final ReactiveCircuitBreaker pro;

	// One fallback per breaker, not one per call.
	private final Function<Throwable, Flux<ModelChunk>> flashFallback = (ex) -> Flux.error(refusedOrSame("flash", ex));

	private final Function<Throwable, Flux<ModelChunk>> proFallback = (ex) -> Flux.error(refusedOrSame("pro", ex));

	/**
	 * Creates the guard.
	 * @param factory creates the breakers
	 */
	public CircuitBreakerModelGuard(ReactiveCircuitBreakerFactory<?, ?> factory) {
		this.flash = factory.create("flash");
		this.pro = factory.create("pro");
	}

	@Override
	public Flux<ModelChunk> protect(String role, Flux<ModelChunk> call) {
		boolean flash = "flash".equals(role);
		// Without a fallback Spring Cloud wraps every failure in a
		// NoFallbackAvailableException; passing them through keeps their kind. The
		// fallback also names a refusal, rather than one more operator per call.
		return flash ? this.flash.run(call, this.flashFallback) : this.pro.run(call, this.proFallback);
	}

	private static Throwable refusedOrSame(String role, Throwable failure) {
		if (failure instanceof CallNotPermittedException) {
			return new ModelException(Kind.CIRCUIT_OPEN, role, 0,
					"Circuit breaker '" + role + "' is open: the model was not called", failure);
		}
		if (failure instanceof BulkheadFullException) {
			return new ModelException(Kind.OVERLOADED, role, 0, "Bulkhead '" + role
					+ "' is full: too many calls to the model run at once; the model was not called", failure);
		}
		return failure;
	}

}
