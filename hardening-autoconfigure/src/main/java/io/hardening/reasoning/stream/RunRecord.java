package io.hardening.reasoning.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hardening.reasoning.TokenUsage;

/**
 * What is saved of a finished stream: what was asked, what each model answered, how long
 * it took and how it ended.
 *
 * @param id the run id, also the experiment id ({@code run-...})
 * @param requestId the request id of the request that started the run
 * @param query the query
 * @param startedAt when the run started
 * @param durationMs how long the run took
 * @param outcome how the run ended
 * @param errorCode the code of the terminal error event, {@code null} when it completed
 * @param flash what the flash model did
 * @param pro what the pro model did
 * @param owner digest of the API key that started the run, {@code null} for none
 * @param sequences the sequence numbers of the events a reconnect to another replica can
 * be answered with: {@code flash} and {@code pro} (each model's last event) and
 * {@code end} (the terminal event)
 */
public record RunRecord(String id, String requestId, String query, Instant startedAt, long durationMs,
		StreamOutcome outcome, String errorCode, ModelResult flash, ModelResult pro, String owner,
		Map<String, Long> sequences) {

	/**
	 * A record without owner or sequence numbers.
	 * @param id the run id
	 * @param requestId the request id
	 * @param query the query
	 * @param startedAt when the run started
	 * @param durationMs how long the run took
	 * @param outcome how the run ended
	 * @param errorCode the code of the terminal error event
	 * @param flash what the flash model did
	 * @param pro what the pro model did
	 */
	public RunRecord(String id, String requestId, String query, Instant startedAt, long durationMs,
			StreamOutcome outcome, String errorCode, ModelResult flash, ModelResult pro) {
		this(id, requestId, query, startedAt, durationMs, outcome, errorCode, flash, pro, null, Map.of());
	}

	/**
	 * The result document: the responses and the outcome.
	 * @return the result, snake_case keys
	 */
	public Map<String, Object> result() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("outcome", this.outcome.tagValue());
		result.put("flash_response", this.flash.response());
		result.put("pro_response", this.pro.response());
		if (this.errorCode != null) {
			result.put("error_code", this.errorCode);
		}
		return result;
	}

	/**
	 * The metadata document: the query, the models, durations and ids.
	 * @return the metadata, snake_case keys
	 */
	public Map<String, Object> metadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("kind", "reasoning_run");
		metadata.put("query", this.query);
		metadata.put("request_id", this.requestId);
		metadata.put("started_at", this.startedAt.toString());
		metadata.put("duration_ms", this.durationMs);
		metadata.put("flash", this.flash.details());
		metadata.put("pro", this.pro.details());
		if (this.owner != null) {
			metadata.put("owner", this.owner);
		}
		if (!this.sequences.isEmpty()) {
			metadata.put("sequences", this.sequences);
		}
		return metadata;
	}

	/**
	 * What one model did in a run.
	 *
	 * @param model the model name
	 * @param response the text it sent, possibly partial; {@code null} if it sent none
	 * @param durationMs how long its call took, {@code null} if it was cut off
	 * @param firstTokenMs when its first piece arrived, {@code null} if none did
	 * @param failureCode why it failed, {@code null} if it answered
	 * @param finishReason why the model stopped ({@code stop}, {@code max_tokens}...),
	 * {@code null} if it did not say
	 * @param attempts how many times it was called
	 * @param usage the tokens it reported last, {@code null} if none
	 */
	public record ModelResult(String model, String response, Long durationMs, Long firstTokenMs, String failureCode,
			String finishReason, int attempts, TokenUsage usage) {

		/**
		 * The result of a model called once that reported no finish reason or usage.
		 * @param model the model name
		 * @param response the text it sent
		 * @param durationMs how long its call took
		 * @param firstTokenMs when its first piece arrived
		 * @param failureCode why it failed
		 */
		public ModelResult(String model, String response, Long durationMs, Long firstTokenMs, String failureCode) {
			this(model, response, durationMs, firstTokenMs, failureCode, null, 1, null);
		}

		Map<String, Object> details() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("model", this.model);
			details.put("duration_ms", this.durationMs);
			details.put("first_token_ms", this.firstTokenMs);
			details.put("failure_code", this.failureCode);
			details.put("finish_reason", this.finishReason);
			details.put("attempts", this.attempts);
			details.put("usage", (this.usage != null) ? this.usage.toMap() : null);
			return details;
		}

	}

}
