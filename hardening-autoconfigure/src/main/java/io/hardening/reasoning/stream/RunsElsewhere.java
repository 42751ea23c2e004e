package io.hardening.reasoning.stream;

import io.hardening.reasoning.stream.ReasoningRuns.Resume;

/**
 * Answers a reconnect to a run this instance does not hold, for example from the run's
 * record written by another replica.
 */
@FunctionalInterface
public interface RunsElsewhere {

	/**
	 * Answers nothing: every such reconnect gets {@code resume_unavailable}.
	 */
	RunsElsewhere NONE = (runId, after, requester) -> Resume.unavailable();

	/**
	 * Answers a reconnect.
	 * @param runId the run's id
	 * @param after the last sequence the client saw
	 * @param requester who asks, {@code null} for nobody in particular
	 * @return what the client gets
	 */
	Resume resume(String runId, long after, String requester);

}
