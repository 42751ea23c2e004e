package io.hardening.reasoning.stream;

import io.hardening.reasoning.ModelChunk;
import reactor.core.publisher.Flux;

/**
 * Runs a model call behind a circuit breaker (or anything else that may refuse or observe
 * it). A refused call fails with a {@link io.hardening.reasoning.ModelException} of kind
 * {@code CIRCUIT_OPEN}, or {@code OVERLOADED} when a bulkhead is full. Every attempt of a
 * retried call is protected on its own.
 */
@FunctionalInterface
public interface ModelGuard {

	/**
	 * Protects one call.
	 * @param role {@code flash} or {@code pro}, the breaker instance name
	 * @param call the call, not yet subscribed
	 * @return the protected call
	 */
	Flux<ModelChunk> protect(String role, Flux<ModelChunk> call);

	/**
	 * A guard that lets every call through.
	 * @return the guard
	 */
	static ModelGuard none() {
		return (role, call) -> call;
	}

}
