package io.hardening.reasoning.web;

import java.time.Duration;

import io.hardening.reasoning.stream.ReasoningRuns;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the endpoint's handlers, which share how a query is checked and how events are
 * written.
 */
public final class ReasoningWeb {

	private ReasoningWeb() {
	}

	/**
	 * Creates the handler of a reactive application.
	 * @param runs starts and resumes runs
	 * @param maxQueryLength longest query accepted
	 * @param heartbeat interval of the comment lines
	 * @param reconnectGrace how long a run waits for a reconnect
	 * @param mapper writes the events' data
	 * @return the handler
	 */
	public static ReasoningHandler reactive(ReasoningRuns runs, int maxQueryLength, Duration heartbeat,
			Duration reconnectGrace, JsonMapper mapper) {
		return new ReasoningHandler(runs, new ReasoningApi(mapper, maxQueryLength),
				new ReasoningSse(mapper, heartbeat, reconnectGrace));
	}

	/**
	 * Creates the handler of a servlet application.
	 * @param runs starts and resumes runs
	 * @param maxQueryLength longest query accepted
	 * @param heartbeat interval of the comment lines
	 * @param reconnectGrace how long a run waits for a reconnect
	 * @param streamTimeout budget of a whole stream
	 * @param mapper writes the events' data
	 * @return the handler
	 */
	public static ServletReasoningHandler servlet(ReasoningRuns runs, int maxQueryLength, Duration heartbeat,
			Duration reconnectGrace, Duration streamTimeout, JsonMapper mapper) {
		return new ServletReasoningHandler(runs, new ReasoningApi(mapper, maxQueryLength),
				new ReasoningSse(mapper, heartbeat, reconnectGrace), streamTimeout);
	}

}
