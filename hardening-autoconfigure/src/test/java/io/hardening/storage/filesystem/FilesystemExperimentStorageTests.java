package io.hardening.storage.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.hardening.storage.DocumentTooLargeException;
import io.hardening.storage.ExperimentConflictException;
import io.hardening.storage.InvalidExperimentException;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.JsonDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FilesystemExperimentStorageTests {

	@TempDir
	Path root;

	private FilesystemExperimentStorage storage() {
		return new FilesystemExperimentStorage(this.root, documents());
	}

	@Test
	void storeWritesTheWholeRecordAsOneFileAndReturnsItsUri() throws IOException {
		FilesystemExperimentStorage storage = storage();
		var uri = storage.store("exp-1", json("{\"score\":1}"), json("{\"model\":\"m\"}"),
				Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(uri.getScheme()).isEqualTo("file");
		assertThat(Path.of(uri)).isEqualTo(this.root.toAbsolutePath().resolve("exp-1/record.json"));
		assertThat(Files.readString(this.root.resolve("exp-1/record.json")))
			.isEqualTo("{\"id\":\"exp-1\",\"stored_at\":\"2026-01-01T00:00:00Z\",\"result\":{\"score\":1},"
					+ "\"metadata\":{\"model\":\"m\"}}");
		try (Stream<Path> files = Files.list(this.root.resolve("exp-1"))) {
			assertThat(files).hasSize(1);
		}
		StoredExperiment found = storage.get("exp-1").orElseThrow();
		assertThat(found.result()).isEqualTo(json("{\"score\":1}"));
		assertThat(found.metadata()).isEqualTo(json("{\"model\":\"m\"}"));
		assertThat(found.uri()).isEqualTo(uri);
	}

	@Test
	void storeSameContentAgainIsIdempotent() {
		FilesystemExperimentStorage storage = storage();
		var first = storage.store("exp-1", json("{\"a\":1,\"b\":2}"), json("{}"));
		var second = storage.store("exp-1", json("{\"b\":2,\"a\":1}"), json("{}"));
		assertThat(second).isEqualTo(first);
	}

	@Test
	void storeDifferentContentIsConflictAndOverwritesNothing() throws IOException {
		FilesystemExperimentStorage storage = storage();
		storage.store("exp-1", json("{\"a\":1}"), json("{}"));
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{\"a\":2}"), json("{}")));
		assertThat(storage.get("exp-1").orElseThrow().result()).isEqualTo(json("{\"a\":1}"));
	}

	@Test
	void storeRejectsBadIdBeforeAnyIo() throws IOException {
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root.resolve("data"), documents());
		for (String id : new String[] { "..", "../x", "%2e%2e", "a/b", "a\\b", "a\u0000b", "", "a".repeat(129) }) {
			assertThatExceptionOfType(InvalidExperimentException.class)
				.isThrownBy(() -> storage.store(id, json("{}"), json("{}")));
		}
		assertThat(this.root.resolve("data")).doesNotExist();
		try (Stream<Path> files = Files.list(this.root)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void storeRejectsNonObjectAndOversizeDocuments() {
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root,
				new JsonDocuments(MAPPER, DataSize.ofBytes(20)));
		assertThatExceptionOfType(InvalidExperimentException.class)
			.isThrownBy(() -> storage.store("a", json("[1]"), json("{}")));
		assertThatExceptionOfType(DocumentTooLargeException.class)
			.isThrownBy(() -> storage.store("a", json("{\"text\":\"" + "x".repeat(30) + "\"}"), json("{}")));
		assertThat(storage.list(10, 0)).isEmpty();
		assertThat(this.root.resolve("a")).doesNotExist();
	}

	@Test
	void listReturnsNewestFirstWithPaging() throws IOException {
		MutableClock clock = new MutableClock();
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root, documents(), clock,
				new AtomicFileWriter());
		for (int i = 1; i <= 5; i++) {
			clock.now = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
			storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"));
		}
		assertThat(storage.list(2, 0)).extracting(StoredExperiment::id).containsExactly("exp-5", "exp-4");
		assertThat(storage.list(2, 2)).extracting(StoredExperiment::id).containsExactly("exp-3", "exp-2");
		assertThat(storage.list(10, 4)).extracting(StoredExperiment::id).containsExactly("exp-1");
		assertThat(storage.idsOldestFirst()).containsExactly("exp-1", "exp-2", "exp-3", "exp-4", "exp-5");
		assertThat(storage.get("exp-3").orElseThrow().storedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
		assertThat(Files.getLastModifiedTime(this.root.resolve("exp-3/record.json")).toInstant())
			.isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
	}

	@Test
	void listSkipsCorruptRecordsAndGetTreatsThemAsAbsent() throws IOException {
		FilesystemExperimentStorage storage = storage();
		storage.store("good", json("{\"ok\":true}"), json("{}"));
		Path bad = Files.createDirectories(this.root.resolve("bad"));
		Files.writeString(bad.resolve("metadata.json"), "{}");
		Files.writeString(bad.resolve("result.json"), "{\"truncated\":", StandardCharsets.UTF_8);
		Files.createDirectories(this.root.resolve(".tmp-stray"));
		assertThat(storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("good");
		assertThat(storage.get("bad")).isEmpty();
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> storage.store("bad", json("{}"), json("{}")));
	}

	@Test
	void crashBetweenTemporaryWriteAndLinkLeavesNoRecord() throws IOException {
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root, documents(), Clock.systemUTC(),
				new AtomicFileWriter((temp, target) -> {
					if (target.getFileName().toString().equals("record.json")) {
						assertThat(Files.readString(temp)).contains("\"result\":{\"a\":1}");
						throw new IOException("simulated crash");
					}
				}));
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{\"a\":1}"), json("{}")))
			.withMessageContaining("simulated crash");
		assertThat(this.root.resolve("exp-1/record.json")).doesNotExist();
		assertThat(storage.get("exp-1")).isEmpty();
		assertThat(storage.list(10, 0)).isEmpty();
		assertThat(storage.status().lastError()).contains("simulated crash");
		// A retry after the crash stores the record.
		storage().store("exp-1", json("{\"a\":1}"), json("{}"));
		assertThat(storage().get("exp-1")).isPresent();
	}

	@Test
	void storeSyncsTheRecordsEntryInTheRootBeforeItReturns() {
		List<Path> synced = new ArrayList<>();
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root, documents(), Clock.systemUTC(),
				new AtomicFileWriter() {

					@Override
					void syncDirectory(Path directory) {
						synced.add(directory);
						super.syncDirectory(directory);
					}

				});
		storage.store("exp-1", json("{\"a\":1}"), json("{}"));
		Path record = this.root.toAbsolutePath().resolve("exp-1");
		// after the link in the record's folder, then the new folder's entry in the root
		assertThat(synced).containsExactly(record, this.root.toAbsolutePath());
	}

	@Test
	void deleteRemovesTheRecord() {
		FilesystemExperimentStorage storage = storage();
		storage.store("exp-1", json("{}"), json("{}"));
		assertThat(storage.delete("exp-1")).isTrue();
		assertThat(storage.delete("exp-1")).isFalse();
		assertThat(storage.get("exp-1")).isEmpty();
		assertThat(this.root.resolve("exp-1")).doesNotExist();
	}

	@Test
	void recordsOfTheTwoFileLayoutAreReadListedAnswerWritesAndAreDeleted() throws IOException {
		Path old = Files.createDirectories(this.root.resolve("old"));
		Files.writeString(old.resolve("metadata.json"), "{\"m\":1}");
		Files.writeString(old.resolve("result.json"), "{\"r\":1}");
		Files.setLastModifiedTime(old.resolve("result.json"),
				java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
		FilesystemExperimentStorage storage = storage();
		storage.store("new", json("{}"), json("{}"));
		StoredExperiment found = storage.get("old").orElseThrow();
		assertThat(found.result()).isEqualTo(json("{\"r\":1}"));
		assertThat(found.metadata()).isEqualTo(json("{\"m\":1}"));
		assertThat(found.storedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("new", "old");
		assertThat(storage.store("old", json("{\"r\":1}"), json("{\"m\":1}"))).isEqualTo(found.uri());
		assertThatExceptionOfType(ExperimentConflictException.class)
			.isThrownBy(() -> storage.store("old", json("{\"r\":2}"), json("{\"m\":1}")));
		assertThat(old.resolve("record.json")).doesNotExist();
		assertThat(storage.delete("old")).isTrue();
		assertThat(old).doesNotExist();
	}

	@Test
	void concurrentWritersOfOneIdInTwoInstancesSharingTheFolderEndWithOneWholeWinner() throws Exception {
		FilesystemExperimentStorage[] instances = { storage(), storage() };
		for (int round = 0; round < 20; round++) {
			String id = "race-" + round;
			int writers = 8;
			java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
			try {
				List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
				for (int i = 0; i < writers; i++) {
					String doc = "{\"writer\":" + i + "}";
					FilesystemExperimentStorage instance = instances[i % 2];
					outcomes.add(pool.submit(() -> {
						start.await(5, java.util.concurrent.TimeUnit.SECONDS);
						try {
							instance.store(id, json(doc), json(doc));
							return doc;
						}
						catch (ExperimentConflictException ex) {
							return null;
						}
					}));
				}
				List<String> acknowledged = new ArrayList<>();
				for (var outcome : outcomes) {
					String doc = outcome.get(10, java.util.concurrent.TimeUnit.SECONDS);
					if (doc != null) {
						acknowledged.add(doc);
					}
				}
				assertThat(acknowledged).hasSize(1);
				StoredExperiment stored = instances[round % 2].get(id).orElseThrow();
				assertThat(stored.result()).isEqualTo(json(acknowledged.get(0)));
				assertThat(stored.metadata()).isEqualTo(json(acknowledged.get(0)));
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void failingWritesMakeTheStorageNotReadyUntilAWriteCanSucceedAgain() throws IOException {
		// A file where the folder should be: every write fails, as on a read-only disk.
		Path blocked = Files.writeString(this.root.resolve("blocked"), "not a folder");
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(blocked, documents());
		assertThat(storage.status().ready()).isTrue();
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{}"), json("{}")));
		assertThat(storage.status().ready()).isFalse();
		assertThat(storage.status().lastError()).startsWith("Could not write experiment 'exp-1'");
		storage.checkWritable();
		assertThat(storage.status().ready()).isFalse();
		assertThat(storage.status().lastError()).startsWith("Could not write experiment 'exp-1'");
		Files.delete(blocked);
		storage.checkWritable();
		assertThat(storage.status().ready()).isTrue();
		assertThat(storage.status().lastError()).isNull();
		try (Stream<Path> files = Files.list(blocked)) {
			assertThat(files).as("the probe leaves nothing behind").isEmpty();
		}
		storage.store("exp-1", json("{}"), json("{}"));
		assertThat(storage.list(10, 0)).extracting(StoredExperiment::id).containsExactly("exp-1");
	}

	@Test
	void statusShowsBackendAndPath() {
		assertThat(storage().status().backend()).isEqualTo("filesystem");
		assertThat(storage().status().location()).isEqualTo(this.root.toAbsolutePath().normalize().toString());
	}

	static class MutableClock extends Clock {

		Instant now = Instant.now();

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
