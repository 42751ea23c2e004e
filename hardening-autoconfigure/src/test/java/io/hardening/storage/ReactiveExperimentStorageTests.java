package io.hardening.storage;

import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;

class ReactiveExperimentStorageTests {

	@TempDir
	Path root;

	@Test
	void callsRunOnBoundedElasticNotOnTheCaller() {
		ExperimentStorage blocking = new FilesystemExperimentStorage(this.root, documents()) {

			@Override
			public java.net.URI store(String id, tools.jackson.databind.JsonNode result,
					tools.jackson.databind.JsonNode metadata) {
				assertThat(Thread.currentThread().getName()).startsWith("boundedElastic");
				return super.store(id, result, metadata);
			}

		};
		ReactiveExperimentStorage storage = new ReactiveExperimentStorage(blocking);
		StepVerifier.create(storage.store("exp-1", json("{}"), json("{}")))
			.assertNext((uri) -> assertThat(uri.getScheme()).isEqualTo("file"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(storage.get("exp-1").map(StoredExperiment::id))
			.expectNext("exp-1")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(storage.get("none")).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(storage.list(10, 0).map(java.util.List::size))
			.expectNext(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(storage.delete("exp-1")).expectNext(true).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void nothingHappensUntilSubscribed() {
		ReactiveExperimentStorage storage = new ReactiveExperimentStorage(
				new FilesystemExperimentStorage(this.root, documents()));
		Mono<java.net.URI> pending = storage.store("exp-1", json("{}"), json("{}"));
		assertThat(this.root.resolve("exp-1")).doesNotExist();
		StepVerifier.create(pending).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.root.resolve("exp-1/record.json")).exists();
	}

}
