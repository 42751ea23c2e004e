package io.hardening.reasoning.stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one numbered stream of a run, serialized by Reactor: its start event, the events of
 * both models as they come, then its end event; or, when it is shut down first, the event
 * that says so. It stops after its first terminal event.
 */
final class RunSource {

	private RunSource() {
	}

	/**
	 * The numbered events of a run.
	 * @param request what the run was started with
	 * @param flash the flash model's leg
	 * @param pro the pro model's leg
	 * @param shutdown the terminal event that ends the run early, if it comes
	 * @return the events, numbered from 1
	 */
	static Flux<ReasoningEvent> numbered(RunRequest request, ModelLeg flash, ModelLeg pro,
			Mono<ReasoningEvent> shutdown) {
		Flux<ReasoningEvent> body = Flux.concat(Mono.fromSupplier(() -> request.startEvent(flash, pro)),
				Flux.merge(flash.events(request.query()), pro.events(request.query())),
				Mono.fromSupplier(() -> endEvent(request, flash, pro)));
		return Flux.merge(body, shutdown)
			.takeUntil(ReasoningEvent::isTerminal)
			.index((index, event) -> event.numbered(request.id(), index + 1));
	}

	private static ReasoningEvent endEvent(RunRequest request, ModelLeg flash, ModelLeg pro) {
		try {
			return RunEvents.end(flash, pro, request.elapsedMillis());
		}
		catch (RuntimeException ex) {
			return RunEvents.internalError(ex);
		}
	}

}
