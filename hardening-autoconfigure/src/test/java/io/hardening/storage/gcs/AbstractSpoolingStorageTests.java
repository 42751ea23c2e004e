package io.hardening.storage.gcs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static io.hardening.storage.TestDocuments.documents;

/**
 * A {@link SpoolingExperimentStorage} on {@link FakeGcsServer} with its spool in a
 * temporary folder, for the spooling tests.
 */
abstract class AbstractSpoolingStorageTests {

	@TempDir
	Path spoolPath;

	FakeGcsServer server;

	SpoolingExperimentStorage storage;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeGcsServer("bucket");
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(this.server.url()), "bucket",
				"", documents(), GcsCallGuard.standalone(Duration.ofSeconds(3), Duration.ofMillis(50)));
		this.storage = new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spoolPath, documents()), true);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

}
