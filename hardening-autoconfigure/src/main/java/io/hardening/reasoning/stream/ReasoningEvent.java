package io.hardening.reasoning.stream;

import java.util.Map;

/**
 * One event of a reasoning stream: its name ({@code start}, {@code flash_delta},
 * {@code complete}...), its JSON payload with snake_case keys, and its place in the run.
 *
 * @param name the SSE event name
 * @param data the payload, serialized as JSON
 * @param runId the run the event belongs to, {@code null} before it is numbered
 * @param sequence the event's number in its run, from 1; 0 before it is numbered
 */
public record ReasoningEvent(String name, Map<String, Object> data, String runId, long sequence) {

	static final String START = "start";

	static final String COMPLETE = "complete";

	static final String ERROR = "error";

	static ReasoningEvent of(String name, Map<String, Object> data) {
		return new ReasoningEvent(name, data, null, 0);
	}

	ReasoningEvent numbered(String runId, long sequence) {
		return new ReasoningEvent(this.name, this.data, runId, sequence);
	}

	/**
	 * The SSE id, {@code {run id}:{sequence}}, or {@code null} for an event outside a
	 * run.
	 * @return the id
	 */
	public String id() {
		return (this.runId != null) ? this.runId + ":" + this.sequence : null;
	}

	/**
	 * Whether this is the last event of a stream, {@code complete} or {@code error}.
	 * @return whether the event is terminal
	 */
	public boolean isTerminal() {
		return COMPLETE.equals(this.name) || ERROR.equals(this.name);
	}

}
