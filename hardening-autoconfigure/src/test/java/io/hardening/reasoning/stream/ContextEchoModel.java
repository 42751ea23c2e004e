package io.hardening.reasoning.stream;

import io.hardening.reasoning.ReasoningModel;
import io.hardening.requestid.RequestIds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A model that answers with the request id of the Reactor context its call sees, or
 * {@code none}.
 */
record ContextEchoModel(String name) implements ReasoningModel {

	@Override
	public Flux<String> stream(String query) {
		return Flux.deferContextual((context) -> Flux.just(context.getOrDefault(RequestIds.MDC_KEY, "none")));
	}

	@Override
	public Mono<String> generate(String query) {
		return stream(query).next();
	}

}
