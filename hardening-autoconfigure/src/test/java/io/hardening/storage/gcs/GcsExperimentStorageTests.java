package io.hardening.storage.gcs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.ExperimentConflictException;
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

	private FakeGcsServer server;

	private GcsExperimentStorage storage;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeGcsServer("bucket");
		this.storage = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket", "runs",
				documents(), GcsTestStorage.guard());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void storeWritesBothObjectsUnderThePrefix() {
		var uri = this.storage.store("exp-1", json("{\"score\":1}"), json("{\"model\":\"m\"}"));
		assertThat(uri.toString()).isEqualTo("gs://bucket/runs/exp-1/result.json");
		assertThat(this.server.objectNames()).containsEntry("runs/exp-1/result.json", "{\"score\":1}")
			.containsEntry("runs/exp-1/metadata.json", "{\"model\":\"m\"}");
		StoredExperiment found = this.storage.get("exp-1").orElseThrow();
		assertThat(found.result()).isEqualTo(json("{\"score\":1}"));
		assertThat(found.metadata()).isEqualTo(json("{\"model\":\"m\"}"));
	}

	@Test
	void storeAgainIsIdempotentAndDifferentContentConflicts() {
		this.storage.store("exp-1", json("{\"a\":1}"), json("{}"));
		assertThat(this.storage.store("exp-1", json("{\"a\":1}"), json("{}")))
			.hasToString("gs://bucket/runs/exp-1/result.json");
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"a\":2}"), json("{}")));
		assertThat(this.server.creations("runs/exp-1/result.json")).isEqualTo(1);
		assertThat(this.server.objectNames()).containsEntry("runs/exp-1/result.json", "{\"a\":1}");
	}

	@Test
	void concurrentWritersOfOneIdEndWithOneWinnerAndAConsistentPair() throws Exception {
		assertThat(winnersOfSixConcurrentWritersOfRace()).isEqualTo(1);
		StoredExperiment stored = this.storage.get("race").orElseThrow();
		assertThat(stored.metadata()).isEqualTo(stored.result());
		assertThat(this.server.creations("runs/race/metadata.json")).isEqualTo(1);
		assertThat(this.server.creations("runs/race/result.json")).isEqualTo(1);
		// The winner's idempotent retry succeeds.
		assertThat(this.storage.store("race", stored.result(), stored.metadata()))
			.hasToString("gs://bucket/runs/race/result.json");
	}

	@Test
	void listIsNewestFirstByStoredTimeWithPaging() {
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 1; i <= 4; i++) {
			this.storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"), base.plusSeconds(10 - i));
		}
		assertThat(this.storage.list(2, 0)).extracting(StoredExperiment::id).containsExactly("exp-1", "exp-2");
		assertThat(this.storage.list(5, 2)).extracting(StoredExperiment::id).containsExactly("exp-3", "exp-4");
		assertThat(this.storage.list(1, 0).get(0).storedAt()).isEqualTo(base.plusSeconds(9));
	}

	@Test
	void listCostsRequestsInProportionToThePageNotTheBucket() {
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 40; i++) {
			this.storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"), base.plusSeconds(i));
		}
		int before = this.server.requestCount();
		assertThat(this.storage.list(5, 30)).extracting(StoredExperiment::id)
			.containsExactly("exp-9", "exp-8", "exp-7", "exp-6", "exp-5");
		// One listing request, then result.json and metadata.json of the five records.
		assertThat(this.server.requestCount() - before).isEqualTo(1 + 2 * 5);
	}

	@Test
	void listSkipsCorruptObjects() {
		this.storage.store("good", json("{}"), json("{}"));
		this.server.put("runs/bad/result.json", "{not json");
		this.server.put("runs/bad/metadata.json", "{}");
		this.server.put(NAMES.indexEntry("bad", Instant.now()).getName(), "");
		this.server.put("runs/.index/0000000000000000001-..", "");
		this.server.put("runs/../result.json", "{}");
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("good");
	}

	@Test
	void deleteRemovesBothObjects() {
		this.storage.store("exp-1", json("{}"), json("{}"));
		assertThat(this.storage.delete("exp-1")).isTrue();
		assertThat(this.server.objectNames()).isEmpty();
		assertThat(this.storage.get("exp-1")).isEmpty();
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

	@Test
	void listOfTenAmongThreeThousandRecordsCostsOneListRequestAndTheReadsOfItsRecords() {
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 3000; i++) {
			putRecord("exp-" + i, base.plusSeconds(i));
		}
		int before = this.server.requestCount();
		int listsBefore = this.server.listRequestCount();
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-2999", "exp-2998", "exp-2997", "exp-2996", "exp-2995", "exp-2994", "exp-2993",
					"exp-2992", "exp-2991", "exp-2990");
		// One list request of ten index entries, then result.json and metadata.json of
		// the ten records: nothing in proportion to the 3000 in the bucket.
		assertThat(this.server.listRequestCount() - listsBefore).isEqualTo(1);
		assertThat(this.server.requestCount() - before).isEqualTo(1 + 2 * 10);
		before = this.server.requestCount();
		assertThat(this.storage.list(10, 1500)).extracting(StoredExperiment::id).startsWith("exp-1499");
		// Offset 1500: two list requests of 1000 entries, and still only the page read.
		assertThat(this.server.requestCount() - before).isEqualTo(2 + 2 * 10);
	}

	@Test
	void listFillsTheGapOfARecordDeletedBehindItsIndexEntry() {
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 5; i++) {
			putRecord("exp-" + i, base.plusSeconds(i));
		}
		// A delete that died after result.json: its index entry is left behind.
		this.server.remove("runs/exp-3/result.json");
		assertThat(this.storage.list(3, 0)).extracting(StoredExperiment::id).containsExactly("exp-4", "exp-2", "exp-1");
	}

	@Test
	void storeAgainKeepsTheStoredTimeAndOneIndexEntry() {
		Instant first = Instant.parse("2026-01-01T00:00:00Z");
		this.storage.store("exp-1", json("{}"), json("{}"), first);
		this.storage.store("exp-1", json("{}"), json("{}"), first.plusSeconds(60));
		assertThat(this.server.objectNames().keySet().stream().filter((name) -> name.startsWith("runs/.index/")))
			.containsExactly(NAMES.indexEntry("exp-1", first).getName());
		assertThat(this.storage.list(10, 0)).singleElement().satisfies((found) -> {
			assertThat(found.id()).isEqualTo("exp-1");
			assertThat(found.storedAt()).isEqualTo(first);
		});
	}

	@Test
	void storeTakesOverAClaimLeftByAWriterThatDiedBeforeResultJson() {
		this.server.put("runs/exp-1/metadata.json", "{\"writer\":\"dead\"}", Map.of(),
				Instant.now().minus(Duration.ofMinutes(5)));
		assertThat(this.storage.store("exp-1", json("{\"a\":1}"), json("{\"writer\":\"live\"}")))
			.hasToString("gs://bucket/runs/exp-1/result.json");
		assertThat(this.server.objectNames()).containsEntry("runs/exp-1/metadata.json", "{\"writer\":\"live\"}")
			.containsEntry("runs/exp-1/result.json", "{\"a\":1}");
		StoredExperiment stored = this.storage.get("exp-1").orElseThrow();
		assertThat(stored.metadata()).isEqualTo(json("{\"writer\":\"live\"}"));
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("exp-1");
		// The new owner's idempotent retry succeeds; different content is a conflict.
		this.storage.store("exp-1", json("{\"a\":1}"), json("{\"writer\":\"live\"}"));
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"a\":2}"), json("{}")));
	}

	@Test
	void storeRespectsTheFreshClaimOfAWriterStillWithinItsTime() {
		this.server.put("runs/exp-1/metadata.json", "{\"writer\":\"busy\"}", Map.of(), Instant.now());
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"a\":1}"), json("{\"writer\":\"other\"}")));
		assertThat(this.server.objectNames()).containsEntry("runs/exp-1/metadata.json", "{\"writer\":\"busy\"}")
			.doesNotContainKey("runs/exp-1/result.json");
	}

	@Test
	void concurrentWritersTakingOverOneStaleClaimEndWithOneWinnerAndAConsistentPair() throws Exception {
		this.server.put("runs/race/metadata.json", "{\"writer\":\"dead\"}", Map.of(),
				Instant.now().minus(Duration.ofMinutes(5)));
		assertThat(winnersOfSixConcurrentWritersOfRace()).isEqualTo(1);
		StoredExperiment stored = this.storage.get("race").orElseThrow();
		assertThat(stored.metadata()).isEqualTo(stored.result());
		assertThat(this.server.creations("runs/race/result.json")).isEqualTo(1);
	}

	private void putRecord(String id, Instant storedAt) {
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
		this.server.holdUploads(6);
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
