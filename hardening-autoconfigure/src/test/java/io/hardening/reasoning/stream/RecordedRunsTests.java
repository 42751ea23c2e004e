package io.hardening.reasoning.stream;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.hardening.reasoning.TokenUsage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StoredExperiment;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecordedRuns}: a finished run's record answers a reconnect with the
 * model results and the terminal event the client has not seen.
 */
class RecordedRunsTests {

	private final MapStorage storage = new MapStorage();

	private final RecordedRuns recorded = new RecordedRuns(this.storage, Schedulers.immediate());

	@Test
	void recordAnswersWhatTheClientHasNotSeen() {
		save(new RunRecord("run-1", "req", "q", Instant.now(), 42, StreamOutcome.PARTIAL, null,
				new RunRecord.ModelResult("flash-1", "fast", 10L, 5L, null),
				new RunRecord.ModelResult("pro-1", "sl", 30L, 20L, "timeout"), "owner-1",
				Map.of("flash", 4L, "pro", 7L, "end", 8L)));
		List<ReasoningEvent> missed = this.recorded.missed("run-1", 5, "owner-1").block(Duration.ofSeconds(5));
		assertThat(missed).extracting(ReasoningEvent::name).containsExactly("pro_failed", "complete");
		assertThat(missed).extracting(ReasoningEvent::id).containsExactly("run-1:7", "run-1:8");
		assertThat(missed.get(0).data()).containsEntry("code", "timeout").containsEntry("from_record", true);
		assertThat(missed.get(1).data()).containsEntry("flash_response", "fast")
			.containsEntry("pro_response", null)
			.containsEntry("partial", true)
			.containsEntry("from_record", true);
		assertThat(this.recorded.missed("run-1", 1, "owner-1").block(Duration.ofSeconds(5)))
			.extracting(ReasoningEvent::name)
			.containsExactly("flash_complete", "pro_failed", "complete");
		assertThat(this.recorded.missed("run-1", 8, "owner-1").block(Duration.ofSeconds(5))).isEmpty();
	}

	@Test
	void otherOwnersUnknownRunsAndCancelledRunsCannotBeResumed() {
		save(new RunRecord("run-2", "req", "q", Instant.now(), 42, StreamOutcome.COMPLETE, null,
				new RunRecord.ModelResult("flash-1", "a", 10L, 5L, null),
				new RunRecord.ModelResult("pro-1", "b", 30L, 20L, null), "owner-1",
				Map.of("flash", 3L, "pro", 5L, "end", 6L)));
		save(new RunRecord("run-3", "req", "q", Instant.now(), 42, StreamOutcome.CANCELLED, null,
				new RunRecord.ModelResult("flash-1", "a", null, 5L, null),
				new RunRecord.ModelResult("pro-1", null, null, null, null), null, Map.of()));
		assertThat(this.recorded.missed("run-2", 1, "owner-2").blockOptional()).isEmpty();
		assertThat(this.recorded.missed("run-2", 1, null).blockOptional()).isEmpty();
		assertThat(this.recorded.missed("run-9", 1, null).blockOptional()).isEmpty();
		assertThat(this.recorded.missed("run-3", 1, null).blockOptional()).isEmpty();
		assertThat(this.recorded.missed("run-2", 1, "owner-1").block()).hasSize(3);
	}

	@Test
	void replayedEventsCarryFinishReasonAttemptsAndUsage() {
		TokenUsage usage = new TokenUsage(8, 7, 41, 3, 56);
		save(new RunRecord("run-4", "req", "q", Instant.now(), 42, StreamOutcome.PARTIAL, null,
				new RunRecord.ModelResult("flash-1", "cut", 10L, 5L, null, "max_tokens", 2, usage),
				new RunRecord.ModelResult("pro-1", "unsafe", 30L, 20L, "blocked", null, 1, null), null,
				Map.of("flash", 4L, "pro", 7L, "end", 8L)));
		List<ReasoningEvent> missed = this.recorded.missed("run-4", 1, null).block(Duration.ofSeconds(5));
		assertThat(missed).extracting(ReasoningEvent::name).containsExactly("flash_complete", "pro_failed", "complete");
		assertThat(missed.get(0).data()).containsEntry("finish_reason", "max_tokens")
			.containsEntry("attempts", 2L)
			.containsEntry("usage", Map.of("prompt_tokens", 8L, "output_tokens", 7L, "thinking_tokens", 41L,
					"cached_tokens", 3L, "total_tokens", 56L));
		assertThat(missed.get(1).data()).containsEntry("code", "blocked");
		assertThat(missed.get(2).data().get("usage")).isInstanceOfSatisfying(Map.class, (perModel) -> {
			assertThat(perModel.get("flash")).isEqualTo(missed.get(0).data().get("usage"));
			assertThat(perModel.get("pro")).isNull();
		});
	}

	private void save(RunRecord record) {
		JsonMapper mapper = JsonMapper.shared();
		this.storage.store(record.id(), mapper.valueToTree(record.result()), mapper.valueToTree(record.metadata()));
	}

	static final class MapStorage implements ExperimentStorage {

		private final Map<String, StoredExperiment> experiments = new ConcurrentHashMap<>();

		@Override
		public URI store(String id, JsonNode result, JsonNode metadata) {
			URI uri = URI.create("memory:" + id);
			this.experiments.put(id, new StoredExperiment(id, result, metadata, uri, Instant.now()));
			return uri;
		}

		@Override
		public Optional<StoredExperiment> get(String id) {
			return Optional.ofNullable(this.experiments.get(id));
		}

		@Override
		public List<StoredExperiment> list(int limit, int offset) {
			return List.copyOf(this.experiments.values());
		}

		@Override
		public boolean delete(String id) {
			return this.experiments.remove(id) != null;
		}

	}

}
