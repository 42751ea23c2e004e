package io.hardening.reasoning.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a run was started with and when: what its start event shows, what its record
 * keeps, and who may resume it.
 *
 * @param id the run id
 * @param owner digest of the API key that started it, {@code null} for none
 * @param query the query
 * @param requestId the id of the request that started it
 * @param startedAt when it started
 * @param startNanos when it started, on the stream clock
 */
record RunRequest(String id, String owner, String query, String requestId, Instant startedAt, long startNanos) {

	static RunRequest now(String id, String owner, String query, String requestId) {
		return new RunRequest(id, owner, query, requestId, Instant.now(), StreamClock.nanoTime());
	}

	boolean ownedBy(String requester) {
		return Owners.same(this.owner, requester);
	}

	long elapsedMillis() {
		return Duration.ofNanos(StreamClock.nanoTime() - this.startNanos).toMillis();
	}

	ReasoningEvent startEvent(ModelLeg flash, ModelLeg pro) {
		return ReasoningEvent.of(ReasoningEvent.START, EventData.of("query", this.query, "flash_model",
				flash.modelName(), "pro_model", pro.modelName(), "request_id", this.requestId));
	}

	/**
	 * The record of the run once it ended.
	 * @param outcome how it ended
	 * @param terminal its terminal event, {@code null} when it was cancelled
	 * @param durationMs how long it ran
	 * @param flash what the flash model did
	 * @param pro what the pro model did
	 * @param sequences the sequences a reconnect elsewhere can be answered with
	 * @return the record
	 */
	RunRecord record(StreamOutcome outcome, ReasoningEvent terminal, long durationMs, RunRecord.ModelResult flash,
			RunRecord.ModelResult pro, Map<String, Long> sequences) {
		String errorCode = (terminal != null && ReasoningEvent.ERROR.equals(terminal.name()))
				? (String) terminal.data().get("code") : null;
		return new RunRecord(this.id, this.requestId, this.query, this.startedAt, durationMs, outcome, errorCode, flash,
				pro, this.owner, sequences);
	}

}
