package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.function.Supplier;

import io.hardening.reasoning.stream.ReasoningRuns;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the endpoint's controller and the readers of its request body, which share how a
 * query is checked.
 */
public final class ReasoningWeb {

	private final ReasoningApi api;

	private final ReasoningController controller;

	/**
	 * Creates the endpoint.
	 * @param runs starts and resumes runs
	 * @param maxQueryLength longest query accepted
	 * @param heartbeat interval of the comment lines
	 * @param reconnectGrace how long a run waits for a reconnect
	 * @param mapper writes the events' data and reads the request bodies
	 * @param notReadyReason why the models are not ready, shown with a 503
	 */
	public ReasoningWeb(ReasoningRuns runs, int maxQueryLength, Duration heartbeat, Duration reconnectGrace,
			JsonMapper mapper, Supplier<String> notReadyReason) {
		this.api = new ReasoningApi(mapper, maxQueryLength);
		this.controller = new ReasoningController(runs, this.api, new ReasoningSse(mapper, heartbeat, reconnectGrace),
				notReadyReason);
	}

	/**
	 * The controller, for both web stacks.
	 * @return the controller
	 */
	public ReasoningController controller() {
		return this.controller;
	}

	/**
	 * The reader of the request body in a reactive application.
	 * @return the reader
	 */
	public QueryRequestReader reactiveReader() {
		return new QueryRequestReader(this.api);
	}

	/**
	 * The reader of the request body in a servlet application.
	 * @return the converter
	 */
	public QueryRequestConverter servletConverter() {
		return new QueryRequestConverter(this.api);
	}

}
