package io.hardening.reasoning.stream;

import reactor.core.publisher.Flux;

/**
 * What a reconnecting client gets.
 *
 * @param events the events to send, {@code null} when the client missed nothing of a run
 * that ended (answer 204)
 */
public record Resume(Flux<ReasoningEvent> events) {

	static Resume missedNothing() {
		return new Resume(null);
	}

	/**
	 * The answer when the run cannot be resumed.
	 * @return one {@code resume_unavailable} event
	 */
	public static Resume unavailable() {
		return new Resume(Flux.just(RunEvents.resumeUnavailable()));
	}

	/**
	 * Whether the client saw everything of a run that has ended.
	 * @return whether there is nothing to send
	 */
	public boolean nothingMissed() {
		return this.events == null;
	}

}
