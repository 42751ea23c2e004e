package io.hardening.reasoning.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * Answers a reconnect to a finished run this instance does not hold from the run's record
 * in storage (written by whichever replica ran it): the {@code flash} and {@code pro}
 * results the client has not seen and the terminal event, each under its original id and
 * marked {@code "from_record": true}. A run without a record (still running on another
 * replica, cancelled, or never saved) cannot be resumed. The record is read on a
 * scheduler that may block, never on the request's thread.
 */
public final class RecordedRuns implements RunsElsewhere {

	private static final Log logger = LogFactory.getLog(RecordedRuns.class);

	private final ExperimentStorage storage;

	private final Scheduler scheduler;

	/**
	 * Creates the lookup.
	 * @param storage where run records are
	 * @param scheduler where the storage is read
	 */
	public RecordedRuns(ExperimentStorage storage, Scheduler scheduler) {
		this.storage = storage;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<List<ReasoningEvent>> missed(String runId, long after, String requester) {
		if (!runId.startsWith("run-")) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> this.storage.get(runId))
			.subscribeOn(this.scheduler)
			.flatMap(Mono::justOrEmpty)
			.flatMap((record) -> Mono.justOrEmpty(missed(record, after, requester)))
			.onErrorResume((ex) -> {
				logger.warn("Run record " + runId + " could not be read: "
						+ Sanitizer.sanitize(Sanitizer.describe(ex), 300));
				return Mono.empty();
			});
	}

	private static List<ReasoningEvent> missed(StoredExperiment record, long after, String requester) {
		JsonNode metadata = record.metadata();
		JsonNode result = record.result();
		JsonNode sequences = metadata.path("sequences");
		long end = sequences.path("end").asLong(-1);
		String outcome = result.path("outcome").asString("");
		if (!"reasoning_run".equals(metadata.path("kind").asString("")) || end < 0 || "cancelled".equals(outcome)
				|| after > end || !ownedBy(metadata.path("owner"), requester)) {
			return null;
		}
		List<ReasoningEvent> events = new ArrayList<>();
		for (String role : List.of("flash", "pro")) {
			long sequence = sequences.path(role).asLong(-1);
			if (sequence > after) {
				events.add(modelEvent(role, metadata.path(role), result).numbered(record.id(), sequence));
			}
		}
		events.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		if (end > after) {
			events.add(terminal(outcome, metadata, result).numbered(record.id(), end));
		}
		return events;
	}

	private static boolean ownedBy(JsonNode owner, String requester) {
		return Owners.same((owner.isMissingNode() || owner.isNull()) ? null : owner.asString(), requester);
	}

	private static ReasoningEvent modelEvent(String role, JsonNode details, JsonNode result) {
		Map<String, Object> data = new LinkedHashMap<>();
		String failureCode = text(details.path("failure_code"));
		if (failureCode == null) {
			data.put("response", text(result.path(role + "_response")));
			data.put("duration_ms", number(details.path("duration_ms")));
			data.put("first_token_ms", number(details.path("first_token_ms")));
			data.put("model", text(details.path("model")));
			data.put("finish_reason", text(details.path("finish_reason")));
			data.put("attempts", number(details.path("attempts")));
			data.put("usage", usage(details.path("usage")));
			data.put("from_record", true);
			return ReasoningEvent.of(role + "_complete", data);
		}
		data.put("error", "The model failed (" + failureCode + ")");
		data.put("code", failureCode);
		data.put("model", text(details.path("model")));
		data.put("from_record", true);
		return ReasoningEvent.of(role + "_failed", data);
	}

	private static ReasoningEvent terminal(String outcome, JsonNode metadata, JsonNode result) {
		Map<String, Object> data = new LinkedHashMap<>();
		if ("complete".equals(outcome) || "partial".equals(outcome)) {
			data.put("flash_response", (text(metadata.path("flash").path("failure_code")) == null)
					? text(result.path("flash_response")) : null);
			data.put("pro_response", (text(metadata.path("pro").path("failure_code")) == null)
					? text(result.path("pro_response")) : null);
			data.put("duration_ms", number(metadata.path("duration_ms")));
			data.put("partial", "partial".equals(outcome));
			data.put("usage", EventData.of("flash", usage(metadata.path("flash").path("usage")), "pro",
					usage(metadata.path("pro").path("usage"))));
			data.put("from_record", true);
			return ReasoningEvent.of(ReasoningEvent.COMPLETE, data);
		}
		String code = text(result.path("error_code"));
		data.put("error", "The stream failed (" + code + ")");
		data.put("code", code);
		data.put("from_record", true);
		return ReasoningEvent.of(ReasoningEvent.ERROR, data);
	}

	private static Map<String, Object> usage(JsonNode usage) {
		if (!usage.isObject()) {
			return null;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (String field : List.of("prompt_tokens", "output_tokens", "thinking_tokens", "cached_tokens",
				"total_tokens")) {
			map.put(field, usage.path(field).asLong(0));
		}
		return map;
	}

	private static String text(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

	private static Long number(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asLong();
	}

}
