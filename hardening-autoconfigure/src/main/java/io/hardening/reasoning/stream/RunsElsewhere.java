package io.hardening.reasoning.stream;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Answers a reconnect to a run this instance does not hold, for example from the run's
 * record written by another replica. Never starts a model call.
 */
@FunctionalInterface
public interface RunsElsewhere {

	/**
	 * Answers nothing: every such reconnect gets {@code resume_unavailable}.
	 */
	RunsElsewhere NONE = (runId, after, requester) -> Mono.empty();

	/**
	 * What a client that saw the run's events up to {@code after} missed.
	 * @param runId the run's id
	 * @param after the last sequence the client saw
	 * @param requester who asks, {@code null} for nobody in particular
	 * @return the events it missed (none when it saw the end), or empty when the run
	 * cannot be resumed from here
	 */
	Mono<List<ReasoningEvent>> missed(String runId, long after, String requester);

}
