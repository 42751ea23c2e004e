package io.hardening.storage.gcs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Exercises the GCS backend over real HTTP against {@link FakeGcsServer}.
 */
class GcsExperimentStorageTests {

	private static final GcsRecordNames NAMES = new GcsRecordNames("bucket", "runs/");

	private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

	private FakeGcsServer server;

	private ExecutorService pageReads;

	private GcsExperimentStorage storage;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeGcsServer("bucket");
		this.pageReads = Executors.newFixedThreadPool(4);
		this.storage = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket", "runs",
				documents(), GcsTestStorage.guard(), this.pageReads);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.pageReads.shutdownNow();
	}

	@Test
	void storeWritesOneObjectHoldingTheWholeRecord() {
		var uri = this.storage.store("exp-1", json("{\"score\":1}"), json("{\"model\":\"m\"}"), BASE);
		assertThat(uri).hasToString("gs://bucket/runs/exp-1/record.json");
		assertThat(this.server.objectNames())
			.containsEntry("runs/exp-1/record.json",
					"{\"id\":\"exp-1\",\"stored_at\":\"2026-01-01T00:00:00Z\",\"result\":{\"score\":1},"
							+ "\"metadata\":{\"model\":\"m\"}}")
			.containsKey(NAMES.indexEntry("exp-1", BASE).getName())
			.hasSize(2);
		StoredExperiment found = this.storage.get("exp-1").orElseThrow();
		assertThat(found.result()).isEqualTo(json("{\"score\":1}"));
		assertThat(found.metadata()).isEqualTo(json("{\"model\":\"m\"}"));
		assertThat(found.storedAt()).isEqualTo(BASE);
	}

	@Test
	void storeAgainIsIdempotentAndDifferentContentConflicts() {
		this.storage.store("exp-1", json("{\"a\":1}"), json("{}"), BASE);
		assertThat(this.storage.store("exp-1", json("{\"a\":1}"), json("{}"), BASE.plusSeconds(60)))
			.hasToString("gs://bucket/runs/exp-1/record.json");
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"a\":2}"), json("{}"), BASE.plusSeconds(120)));
		assertThat(this.server.creations("runs/exp-1/record.json")).isEqualTo(1);
		assertThat(this.storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"a\":1}"));
		// Neither the retry nor the loser added an index entry of its own: the record is
		// listed once, at its own stored time.
		assertThat(indexEntries()).containsExactly(NAMES.indexEntry("exp-1", BASE).getName());
	}

	@Test
	void concurrentWritersOfOneIdEndWithOneWinnerWhoseWholeRecordIsStored() throws Exception {
		assertThat(winnersOfSixConcurrentWritersOfRace()).isEqualTo(1);
		StoredExperiment stored = this.storage.get("race").orElseThrow();
		assertThat(stored.metadata()).isEqualTo(stored.result());
		assertThat(this.server.creations("runs/race/record.json")).isEqualTo(1);
		assertThat(this.storage.list(10, 0)).singleElement().extracting(StoredExperiment::id).isEqualTo("race");
		// The winner's idempotent retry succeeds.
		assertThat(this.storage.store("race", stored.result(), stored.metadata()))
			.hasToString("gs://bucket/runs/race/record.json");
	}

	@Test
	void listIsNewestFirstByStoredTimeWithPaging() {
		for (int i = 1; i <= 4; i++) {
			this.storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"), BASE.plusSeconds(10 - i));
		}
		assertThat(this.storage.list(2, 0)).extracting(StoredExperiment::id).containsExactly("exp-1", "exp-2");
		assertThat(this.storage.list(5, 2)).extracting(StoredExperiment::id).containsExactly("exp-3", "exp-4");
		assertThat(this.storage.list(1, 0).get(0).storedAt()).isEqualTo(BASE.plusSeconds(9));
	}

	@Test
	void listCostsOneListRequestAndOneReadPerRecordOnThePage() {
		for (int i = 0; i < 40; i++) {
			this.storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"), BASE.plusSeconds(i));
		}
		int before = this.server.requestCount();
		assertThat(this.storage.list(5, 30)).extracting(StoredExperiment::id)
			.containsExactly("exp-9", "exp-8", "exp-7", "exp-6", "exp-5");
		assertThat(this.server.requestCount() - before).isEqualTo(1 + 5);
	}

	@Test
	void listOfTenAmongThreeThousandRecordsCostsItsListRequestsAndTheReadsOfItsRecords() {
		for (int i = 0; i < 3000; i++) {
			putRecord("exp-" + i, BASE.plusSeconds(i));
		}
		int before = this.server.requestCount();
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-2999", "exp-2998", "exp-2997", "exp-2996", "exp-2995", "exp-2994", "exp-2993",
					"exp-2992", "exp-2991", "exp-2990");
		assertThat(this.server.requestCount() - before).isEqualTo(1 + 10);
		before = this.server.requestCount();
		assertThat(this.storage.list(10, 1500)).extracting(StoredExperiment::id).startsWith("exp-1499");
		// Offset 1500: two list requests of 1000 entries, and still only the page read.
		assertThat(this.server.requestCount() - before).isEqualTo(2 + 10);
	}

	@Test
	void listSkipsCorruptObjects() {
		this.storage.store("good", json("{}"), json("{}"));
		this.server.put("runs/bad/record.json", "{not json");
		this.server.put(NAMES.indexEntry("bad", Instant.now()).getName(), "");
		this.server.put("runs/.index/0000000000000000001-..", "");
		this.server.put("runs/../record.json", "{}");
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("good");
	}

	@Test
	void listFillsTheGapOfARecordDeletedBehindItsIndexEntry() {
		for (int i = 0; i < 5; i++) {
			putRecord("exp-" + i, BASE.plusSeconds(i));
		}
		this.server.remove("runs/exp-3/record.json");
		assertThat(this.storage.list(3, 0)).extracting(StoredExperiment::id).containsExactly("exp-4", "exp-2", "exp-1");
	}

	@Test
	void listSkipsAndRemovesTheIndexEntryAnEarlierRecordOfTheIdLeftBehind() {
		putRecord("exp-1", BASE);
		// A delete of an earlier exp-1 that died before removing its entry.
		this.server.put(NAMES.indexEntry("exp-1", BASE.minusSeconds(30)).getName(), "");
		assertThat(this.storage.list(10, 0)).singleElement().satisfies((found) -> {
			assertThat(found.id()).isEqualTo("exp-1");
			assertThat(found.storedAt()).isEqualTo(BASE);
		});
		assertThat(indexEntries()).containsExactly(NAMES.indexEntry("exp-1", BASE).getName());
	}

	@Test
	void recordsOfTheTwoObjectLayoutAreReadListedAndAnswerWritesOfTheirId() {
		putLegacyRecord("old", BASE);
		putRecord("new", BASE.plusSeconds(1));
		StoredExperiment old = this.storage.get("old").orElseThrow();
		assertThat(old.result()).isEqualTo(json("{\"id\":\"old\"}"));
		assertThat(old.uri()).hasToString("gs://bucket/runs/old/result.json");
		assertThat(old.storedAt()).isEqualTo(BASE);
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("new", "old");
		// The same content again is an idempotent success; other content a conflict, and
		// no record.json ever shadows the old record.
		assertThat(this.storage.store("old", json("{\"id\":\"old\"}"), json("{}")))
			.hasToString("gs://bucket/runs/old/result.json");
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("old", json("{\"id\":\"other\"}"), json("{}")));
		assertThat(this.server.objectNames()).doesNotContainKey("runs/old/record.json");
		assertThat(this.storage.delete("old")).isTrue();
		assertThat(this.server.objectNames().keySet()).noneMatch((name) -> name.contains("old"));
	}

	@Test
	void deleteRemovesTheRecordAndItsIndexEntry() {
		this.storage.store("exp-1", json("{}"), json("{}"));
		assertThat(this.storage.delete("exp-1")).isTrue();
		assertThat(this.server.objectNames()).isEmpty();
		assertThat(this.storage.get("exp-1")).isEmpty();
		assertThat(this.storage.delete("exp-1")).isFalse();
	}

	@Test
	void deleteLeavesARecordStoredAgainBetweenItsReadAndItsDelete() {
		this.storage.store("exp-1", json("{\"v\":1}"), json("{}"), BASE);
		GcsExperimentStorage other = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"runs", documents(), GcsTestStorage.guard());
		// Another instance deletes the record and stores the id anew while this delete
		// is between its read and its delete.
		this.server.beforeNextDelete(() -> {
			this.server.remove("runs/exp-1/record.json");
			this.server.remove(NAMES.indexEntry("exp-1", BASE).getName());
			other.store("exp-1", json("{\"v\":2}"), json("{}"), BASE.plusSeconds(5));
		});
		assertThat(this.storage.delete("exp-1")).isFalse();
		StoredExperiment survivor = this.storage.get("exp-1").orElseThrow();
		assertThat(survivor.result()).isEqualTo(json("{\"v\":2}"));
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("exp-1");
	}

	@Test
	void checkBucketPassesWhenBucketAnswersAndFailsOtherwise() {
		assertThatNoException().isThrownBy(this.storage::checkBucket);
		GcsExperimentStorage missing = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "other",
				"", documents(), GcsTestStorage.guard());
		assertThatExceptionOfType(StorageUnavailableException.class).isThrownBy(missing::checkBucket)
			.withMessageContaining("'other' does not exist");
	}

	@Test
	void normalizePrefixAddsTrailingSlash() {
		assertThat(GcsExperimentStorage.normalizePrefix(null)).isEmpty();
		assertThat(GcsExperimentStorage.normalizePrefix("/a/b")).isEqualTo("a/b/");
		assertThat(GcsExperimentStorage.normalizePrefix("a/")).isEqualTo("a/");
	}

	private List<String> indexEntries() {
		return this.server.objectNames().keySet().stream().filter((name) -> name.startsWith("runs/.index/")).toList();
	}

	private void putRecord(String id, Instant storedAt) {
		byte[] record = new RecordCodec(documents()).encode(id, json("{\"id\":\"" + id + "\"}"), json("{}"), storedAt);
		this.server.put("runs/" + id + "/record.json", new String(record, StandardCharsets.UTF_8),
				Map.of("hardening-stored-at", storedAt.toString()), storedAt);
		this.server.put(NAMES.indexEntry(id, storedAt).getName(), "", Map.of(), storedAt);
	}

	private void putLegacyRecord(String id, Instant storedAt) {
		Map<String, String> custom = Map.of("hardening-stored-at", storedAt.toString());
		this.server.put("runs/" + id + "/result.json", "{\"id\":\"" + id + "\"}", custom, storedAt);
		this.server.put("runs/" + id + "/metadata.json", "{}", custom, storedAt);
		this.server.put(NAMES.indexEntry(id, storedAt).getName(), "", Map.of(), storedAt);
	}

	/**
	 * Six writers store different content under id {@code race} at once, their uploads
	 * held until all six are waiting.
	 * @return how many stores succeeded
	 */
	private int winnersOfSixConcurrentWritersOfRace() throws Exception {
		this.server.gates().holdUploads(12);
		ExecutorService writers = Executors.newFixedThreadPool(6);
		try {
			List<Future<Boolean>> outcomes = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String doc = "{\"writer\":" + i + "}";
				outcomes.add(writers.submit(() -> {
					try {
						this.storage.store("race", json(doc), json(doc));
						return true;
					}
					catch (ExperimentConflictException ex) {
						return false;
					}
				}));
			}
			int winners = 0;
			for (Future<Boolean> outcome : outcomes) {
				winners += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
			}
			return winners;
		}
		finally {
			writers.shutdownNow();
		}
	}

}
