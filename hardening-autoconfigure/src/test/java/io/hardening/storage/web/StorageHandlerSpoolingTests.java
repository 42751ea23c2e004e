package io.hardening.storage.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.storage.gcs.GcsCallGuard;
import io.hardening.storage.gcs.GcsExperimentStorage;
import io.hardening.storage.gcs.GcsTestStorage;
import io.hardening.storage.gcs.SpoolingExperimentStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints over GCS with a spool, against {@link FakeGcsServer}: a spooled store and
 * a listing that could not reach GCS say so.
 */
class StorageHandlerSpoolingTests {

	@TempDir
	Path root;

	private final List<String> outcomes = new CopyOnWriteArrayList<>();

	private FakeGcsServer server;

	private WebTestClient client;

	@BeforeEach
	void setUp() throws IOException {
		this.server = new FakeGcsServer("bucket");
		JsonDocuments documents = new JsonDocuments(MAPPER, DataSize.ofKilobytes(2));
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents, GcsCallGuard.standalone(Duration.ofSeconds(3), Duration.ofMinutes(1)));
		SpoolingExperimentStorage spooling = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.root.resolve("spool"), documents), true);
		ObservedExperimentStorage observed = new ObservedExperimentStorage(spooling,
				List.of((backend, operation, outcome, duration) -> this.outcomes.add(operation + ":" + outcome)));
		this.client = WebTestClient
			.bindToRouterFunction(
					StorageRoutes.create(new StorageHandler(new ReactiveExperimentStorage(observed), documents)))
			.build();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private WebTestClient.ResponseSpec post(String id) {
		return this.client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"" + id + "\",\"result\":{},\"metadata\":{}}")
			.exchange();
	}

	@Test
	void storeThatWentToTheSpoolAnswersSpooledBesideTheGcsUri() {
		post("direct").expectStatus().isOk().expectBody().json("{\"uri\":\"gs://bucket/direct/record.json\"}", true);
		this.server.setFailing(true);
		post("later").expectStatus()
			.isOk()
			.expectBody()
			.json("{\"uri\":\"gs://bucket/later/record.json\",\"spooled\":true}", true);
		assertThat(this.outcomes).containsExactly("store:success", "store:spooled");
	}

	@Test
	void listingThatCouldNotReachGcsIsPartialWithReason() {
		post("in-gcs").expectStatus().isOk();
		this.server.setFailing(true);
		post("in-spool").expectStatus().isOk();
		this.client.get()
			.uri("/api/storage/experiments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.experiments[*].experiment_id")
			.isEqualTo(List.of("in-spool"))
			.jsonPath("$.partial")
			.isEqualTo(true)
			.jsonPath("$.reason")
			.value((reason) -> assertThat(reason.toString()).startsWith("GCS could not be listed"));
		this.server.setFailing(false);
		this.client.get()
			.uri("/api/storage/experiments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.experiments.length()")
			.isEqualTo(2)
			.jsonPath("$.partial")
			.doesNotExist();
	}

}
