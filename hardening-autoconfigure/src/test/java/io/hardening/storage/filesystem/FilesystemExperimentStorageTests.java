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
	void storeWritesResultAndMetadataAndReturnsFileUri() throws IOException {
		FilesystemExperimentStorage storage = storage();
		var uri = storage.store("exp-1", json("{\"score\":1}"), json("{\"model\":\"m\"}"));
		assertThat(uri.getScheme()).isEqualTo("file");
		assertThat(Path.of(uri)).isEqualTo(this.root.toAbsolutePath().resolve("exp-1/result.json"));
		assertThat(Files.readString(this.root.resolve("exp-1/metadata.json"))).isEqualTo("{\"model\":\"m\"}");
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
		assertThat(Files.readString(this.root.resolve("exp-1/result.json"))).isEqualTo("{\"a\":1}");
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
		assertThat(Files.getLastModifiedTime(this.root.resolve("exp-3/metadata.json")).toInstant())
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
	void crashBetweenTemporaryWriteAndMoveLeavesNoResult() throws IOException {
		FilesystemExperimentStorage storage = new FilesystemExperimentStorage(this.root, documents(), Clock.systemUTC(),
				new AtomicFileWriter((temp, target) -> {
					if (target.getFileName().toString().equals("result.json")) {
						assertThat(temp).exists().hasContent("{\"a\":1}");
						throw new IOException("simulated crash");
					}
				}));
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> storage.store("exp-1", json("{\"a\":1}"), json("{}")))
			.withMessageContaining("simulated crash");
		assertThat(this.root.resolve("exp-1/result.json")).doesNotExist();
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
		// after each of the two renames in the record's folder, then the new folder's
		// entry in the root, last
		assertThat(synced).containsExactly(record, record, this.root.toAbsolutePath());
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
