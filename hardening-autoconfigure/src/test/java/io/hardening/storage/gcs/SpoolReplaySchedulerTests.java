package io.hardening.storage.gcs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Background replay: GCS fails, writes keep succeeding, GCS returns, the scheduler
 * delivers every record exactly once.
 */
class SpoolReplaySchedulerTests {

	@TempDir
	Path spool;

	@Test
	void replayInBackgroundDeliversSpooledRecordsOnceGcsAnswers() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			SpoolingExperimentStorage storage = spoolingOver(server);
			server.setFailing(true);
			SpoolReplayScheduler scheduler = new SpoolReplayScheduler(storage, Duration.ofMillis(100));
			scheduler.start();
			try {
				for (int i = 0; i < 5; i++) {
					storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"));
				}
				assertThat(storage.status().pendingReplay()).isEqualTo(5);
				assertThat(storage.status().ready()).isFalse();
				server.setFailing(false);
				await().atMost(Duration.ofSeconds(10)).until(() -> storage.status().pendingReplay() == 0);
				// Replay delivers, but readiness belongs to its owner's check alone.
				assertThat(storage.status().ready()).isFalse();
				for (int i = 0; i < 5; i++) {
					assertThat(server.creations("p/exp-" + i + "/record.json")).isEqualTo(1);
				}
			}
			finally {
				scheduler.stop();
			}
			assertThat(scheduler.isRunning()).isFalse();
		}
	}

	@Test
	void stopGivesWhatIsStillSpooledOneLastRound() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			SpoolingExperimentStorage storage = spoolingOver(server);
			server.setFailing(true);
			// Rounds an hour apart: only the first (GCS failing) and the last one run.
			SpoolReplayScheduler scheduler = new SpoolReplayScheduler(storage, Duration.ofHours(1));
			scheduler.start();
			for (int i = 0; i < 3; i++) {
				storage.store("late-" + i, json("{\"i\":" + i + "}"), json("{}"));
			}
			assertThat(storage.status().pendingReplay()).isEqualTo(3);
			server.setFailing(false);
			scheduler.stop();
			assertThat(storage.status().pendingReplay()).isZero();
			for (int i = 0; i < 3; i++) {
				assertThat(server.creations("p/late-" + i + "/record.json")).isEqualTo(1);
			}
		}
	}

	/**
	 * A spooling storage over the stand-in's bucket under prefix {@code p/}, not yet
	 * ready.
	 */
	private SpoolingExperimentStorage spoolingOver(FakeGcsServer server) {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(server.url()), "bucket", "p/",
				documents(), GcsTestStorage.guard());
		return new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spool, documents()), false);
	}

}
