package io.hardening.storage.gcs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.ExperimentPage;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoreOutcome;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.Test;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spool and replay against {@link FakeGcsServer}: GCS fails, writes keep succeeding, GCS
 * returns, every record arrives exactly once.
 */
class SpoolingExperimentStorageTests extends AbstractSpoolingStorageTests {

	@Test
	void storeWhenGcsAnswersWritesToGcsOnly() {
		assertThat(this.storage.store("exp-1", json("{}"), json("{}"))).hasToString("gs://bucket/exp-1/record.json");
		assertThat(this.server.creations("exp-1/record.json")).isEqualTo(1);
		assertThat(this.storage.getSpool().list(10, 0)).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
		assertThat(this.storage.status().fallbackActive()).isFalse();
	}

	@Test
	void storeWhenGcsFailsSpoolsAndReplayDeliversEachRecordExactlyOnce() {
		this.storage.store("before", json("{\"n\":0}"), json("{}"));
		this.server.setFailing(true);
		for (int i = 1; i <= 3; i++) {
			assertThat(this.storage.store("exp-" + i, json("{\"n\":" + i + "}"), json("{}")))
				.hasToString("gs://bucket/exp-" + i + "/record.json");
		}
		assertThat(this.storage.status().pendingReplay()).isEqualTo(3);
		assertThat(this.storage.status().fallbackActive()).isTrue();
		assertThat(this.storage.status().lastError()).contains("went to the spool");
		// Reads and listings see spooled records while GCS is down.
		assertThat(this.storage.get("exp-2").orElseThrow().result()).isEqualTo(json("{\"n\":2}"));
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-3", "exp-2", "exp-1");
		// Identical retry is fine, a different one conflicts, even in the spool.
		this.storage.store("exp-1", json("{\"n\":1}"), json("{}"));
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> this.storage.store("exp-1", json("{\"n\":9}"), json("{}")));
		assertThat(this.storage.replayPending()).isZero();
		assertThat(this.storage.status().pendingReplay()).isEqualTo(3);

		this.server.setFailing(false);
		// The failures may have opened the breaker: replay probes it round by round.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.storage.replayPending();
			return this.storage.status().pendingReplay() == 0;
		});
		assertThat(this.storage.replayPending()).isZero();
		for (int i = 1; i <= 3; i++) {
			assertThat(this.server.creations("exp-" + i + "/record.json")).isEqualTo(1);
		}
		assertThat(this.storage.get("exp-2").orElseThrow().result()).isEqualTo(json("{\"n\":2}"));
		assertThat(this.storage.getSpool().list(10, 0)).isEmpty();
		assertThat(this.storage.status().pendingReplay()).isZero();
		assertThat(this.storage.status().fallbackActive()).isFalse();
		assertThat(this.storage.list(10, 0)).extracting(StoredExperiment::id)
			.containsExactly("exp-3", "exp-2", "exp-1", "before");
		// After replay, writes go to GCS directly again.
		this.storage.store("after", json("{}"), json("{}"));
		assertThat(this.server.creations("after/record.json")).isEqualTo(1);
	}

	@Test
	void storeWhenGcsNeverAnswersSpoolsWithinWriteTimeoutAndThenSpoolsAtOnce() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			GcsExperimentStorage gcs = new GcsExperimentStorage(
					() -> GcsClients.create("http://127.0.0.1:" + silent.getLocalPort(), null, null,
							Duration.ofSeconds(30)),
					"bucket", "", documents(), GcsTestStorage.guard(Duration.ofMillis(500)));
			SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
					new FilesystemExperimentStorage(this.spoolPath.resolve("silent"), documents()), true);
			for (int i = 1; i <= 5; i++) {
				long start = System.nanoTime();
				assertThat(storage.storeRecord("exp-" + i, json("{}"), json("{}")).spooled()).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
			}
			assertThat(storage.status().lastError()).contains("did not answer within the time limit of 'storage'");
			long start = System.nanoTime();
			storage.store("exp-6", json("{}"), json("{}"));
			// Five timeouts opened the breaker: no further wait on GCS.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
			assertThat(storage.status().pendingReplay()).isEqualTo(6);
			assertThat(storage.status().lastError()).contains("not attempted");
		}
	}

	@Test
	void permanentErrorIsShownAndCountedAndDoesNotOpenTheBreaker() {
		this.server.failUploadsWith(403);
		for (int i = 1; i <= 10; i++) {
			assertThat(this.storage.storeRecord("exp-" + i, json("{}"), json("{}")))
				.isEqualTo(new StoreOutcome(URI.create("gs://bucket/exp-" + i + "/record.json"), true));
		}
		assertThat(this.storage.status().lastError()).contains("refused by GCS (403)");
		assertThat(this.storage.status().permanentErrors()).isEqualTo(10);
		this.server.failUploadsWith(0);
		// Ten refusals are answers, not an outage: the next write goes straight to GCS.
		assertThat(this.storage.storeRecord("after", json("{}"), json("{}")).spooled()).isFalse();
		assertThat(this.server.creations("after/record.json")).isEqualTo(1);
	}

	@Test
	void replayAfterPermanentErrorBacksOffInsteadOfRetryingEveryRound() {
		MutableClock clock = new MutableClock();
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard());
		SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath.resolve("backoff"), documents()), true, clock,
				Duration.ofMinutes(1));
		this.server.failUploadsWith(403);
		storage.store("exp-1", json("{}"), json("{}"));
		assertThat(storage.replayPending()).isZero();
		int requests = this.server.requestCount();
		assertThat(storage.replayPending()).isZero();
		assertThat(storage.replayPending()).isZero();
		assertThat(this.server.requestCount()).isEqualTo(requests);
		this.server.failUploadsWith(0);
		clock.advance(Duration.ofSeconds(61));
		assertThat(storage.replayPending()).isEqualTo(1);
		assertThat(storage.status().pendingReplay()).isZero();
	}

	@Test
	void listingsThatTimeOutNeverOpenTheWriteBreaker() {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard(Duration.ofMillis(500)));
		SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath.resolve("reads"), documents()), true);
		this.server.gates().holdListings();
		for (int i = 0; i < 6; i++) {
			ExperimentPage page = storage.listPage(10, 0);
			assertThat(page.partial()).isTrue();
			assertThat(page.partialReason()).contains("'storage-read'");
		}
		this.server.gates().releaseListings();
		assertThat(storage.storeRecord("exp-1", json("{}"), json("{}")).spooled()).isFalse();
		assertThat(this.server.creations("exp-1/record.json")).isEqualTo(1);
		assertThat(storage.status().fallbackActive()).isFalse();
	}

	@Test
	void aPageThroughTheSpoolingStorageCostsItsListRequestAndTheReadsOfItsRecords() {
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		GcsRecordNames names = new GcsRecordNames("bucket", "");
		RecordCodec codec = new RecordCodec(documents());
		for (int i = 0; i < 290; i++) {
			String id = "exp-" + i;
			Instant storedAt = base.plusSeconds(i);
			this.server.put(id + "/record.json",
					new String(codec.encode(id, json("{}"), json("{}"), storedAt), StandardCharsets.UTF_8),
					Map.of("hardening-stored-at", storedAt.toString()), storedAt);
			this.server.put(names.indexEntry(id, storedAt).getName(), "", Map.of(), storedAt);
		}
		this.server.setFailing(true);
		this.storage.store("spooled", json("{}"), json("{}"));
		this.server.setFailing(false);
		int before = this.server.requestCount();
		ExperimentPage page = this.storage.listPage(10, 280);
		assertThat(page.partial()).isFalse();
		// The spooled record is the newest: the page at 280 runs from exp-10 to exp-1.
		assertThat(page.experiments()).extracting(StoredExperiment::id)
			.containsExactly("exp-10", "exp-9", "exp-8", "exp-7", "exp-6", "exp-5", "exp-4", "exp-3", "exp-2", "exp-1");
		assertThat(this.server.requestCount() - before).isEqualTo(1 + 10);
	}

	@Test
	void storeWhenGcsAndTheSpoolBothFailAnswersUnavailableAndHealthSaysSoUntilAWriteCanSucceed() throws IOException {
		Path blocked = Files.writeString(this.spoolPath.resolve("blocked"), "not a folder");
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard());
		SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(blocked, documents()), true);
		this.server.setFailing(true);
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{}"), json("{}")));
		StorageStatus status = storage.status();
		assertThat(status.ready()).isFalse();
		assertThat(status.pendingReplay()).isZero();
		assertThat(status.lastError()).contains("Write of 'exp-1' failed")
			.contains("spool: Could not write experiment 'exp-1'")
			.doesNotContain("went to the spool");
		storage.replayRound();
		assertThat(storage.status().ready()).isFalse();
		// The disk is fixed while GCS is still down: a write would succeed again.
		Files.delete(blocked);
		storage.replayRound();
		assertThat(storage.status().ready()).isTrue();
		assertThat(storage.storeRecord("exp-1", json("{}"), json("{}")).spooled()).isTrue();
	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@Test
	void notReadyStorageSpoolsUntilRemoteCheckSucceeds() {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard());
		SpoolingExperimentStorage notReady = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath.resolve("other"), documents()), false);
		notReady.store("exp-1", json("{}"), json("{}"));
		assertThat(notReady.status().ready()).isFalse();
		assertThat(this.server.creations("exp-1/record.json")).isZero();
		notReady.checkRemote();
		assertThat(notReady.isReady()).isTrue();
		assertThat(notReady.replayPending()).isEqualTo(1);
		assertThat(this.server.creations("exp-1/record.json")).isEqualTo(1);
	}

	@Test
	void replayRoundDeliversButNeverMarksTheStorageReady() {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsTestStorage.guard());
		SpoolingExperimentStorage notReady = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath.resolve("other"), documents()), false);
		notReady.store("exp-1", json("{}"), json("{}"));
		ReplayRound round = notReady.replayRound();
		assertThat(round.remoteAnswered()).isTrue();
		assertThat(round.delivered()).isEqualTo(1);
		assertThat(this.server.creations("exp-1/record.json")).isEqualTo(1);
		// Readiness has one writer, the owner's check: a replay round only reports.
		assertThat(notReady.isReady()).isFalse();
		assertThat(notReady.status().ready()).isFalse();
		notReady.checkRemote();
		assertThat(notReady.status().ready()).isTrue();
	}

}
