package io.hardening.storage.gcs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.Test;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A spooled record's replay meeting other writers: a delete, the same record already in
 * GCS, other content under its name. The record is never lost, never duplicated and never
 * brought back after a delete.
 */
class SpoolReplayRaceTests extends AbstractSpoolingStorageTests {

	@Test
	void deleteRacingAReplayNeverLetsTheRecordReappearInGcs() throws Exception {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{}"), json("{}"));
		this.server.setFailing(false);
		this.server.gates().gateUploads();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> replay = executor.submit(this.storage::replayPending);
			// The replay has read the record and its write is on the way to GCS.
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.gates().uploadsWaiting() == 1);
			Future<Boolean> delete = executor.submit(() -> this.storage.delete("exp-1"));
			this.server.gates().releaseUploads();
			assertThat(replay.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(delete.get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.server.objectNames()).isEmpty();
		assertThat(this.storage.get("exp-1")).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
	}

	@Test
	void deleteOfSpooledRecordWhileGcsIsDownSucceeds() {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{}"), json("{}"));
		assertThat(this.storage.delete("exp-1")).isTrue();
		assertThat(this.storage.getSpool().list(10, 0)).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
	}

	@Test
	void replayOfRecordAlreadyInGcsCountsAsDelivered() {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		this.server.setFailing(false);
		// A late write that reached GCS after the timeout: same content already there.
		this.server.put("exp-1/result.json", "{\"n\":1}");
		this.server.put("exp-1/metadata.json", "{}");
		assertThat(this.storage.replayPending()).isEqualTo(1);
		assertThat(this.server.creations("exp-1/result.json")).isEqualTo(1);
		assertThat(this.storage.status().pendingReplay()).isZero();
	}

	@Test
	void replayOfRecordThatConflictsInGcsStaysInSpool() {
		this.server.setFailing(true);
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		this.server.setFailing(false);
		this.server.put("exp-1/result.json", "{\"n\":2}");
		this.server.put("exp-1/metadata.json", "{}");
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.status().pendingReplay()).isEqualTo(1);
		assertThat(this.storage.status().lastError()).contains("Cannot replay 'exp-1'");
		assertThat(this.storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"n\":1}"));
		assertThat(this.server.objectNames()).containsEntry("exp-1/result.json", "{\"n\":2}");
	}

	@Test
	void storeOfOtherContentRacingTheReplayOfASpooledRecordIsAConflictNeverASecondSpooledRecord() throws Exception {
		CountDownLatch replayed = new CountDownLatch(1);
		ThreadLocal<Boolean> pauseAfterSpoolRead = ThreadLocal.withInitial(() -> false);
		FilesystemExperimentStorage spool = new FilesystemExperimentStorage(this.spoolPath.resolve("race"),
				documents()) {

			@Override
			public Optional<StoredExperiment> get(String id) {
				Optional<StoredExperiment> found = super.get(id);
				if (pauseAfterSpoolRead.get()) {
					// Give the replay every chance to deliver and empty the spool now.
					try {
						replayed.await(1, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return found;
			}

		};
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard());
		SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket, spool, true);
		this.server.setFailing(true);
		assertThat(storage.storeRecord("exp-1", json("{\"writer\":\"a\"}"), json("{}")).spooled()).isTrue();
		this.server.setFailing(false);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<?> writerB = executor.submit(() -> {
				pauseAfterSpoolRead.set(true);
				return storage.storeRecord("exp-1", json("{\"writer\":\"b\"}"), json("{}"));
			});
			Future<Integer> replay = executor.submit(() -> {
				int delivered = storage.replayPending();
				replayed.countDown();
				return delivered;
			});
			assertThat(replay.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> writerB.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ExperimentConflictException.class);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(storage.getSpool().list(10, 0)).isEmpty();
		assertThat(storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"writer\":\"a\"}"));
		assertThat(storage.status().pendingReplay()).isZero();
	}

}
