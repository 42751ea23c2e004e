package io.hardening.bench.storage;

import java.io.IOException;
import java.time.Duration;

import com.google.cloud.storage.Storage;
import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.storage.gcs.GcsCallGuard;
import io.hardening.storage.gcs.GcsClients;
import io.hardening.storage.gcs.GcsExperimentStorage;

/**
 * The starter's GCS storage, built as {@code GcsStorageConfiguration} builds it with the
 * default properties (5 s write timeout, 10 s replay interval, no prefix) and without
 * Spring Cloud's circuit breaker factory, talking to a {@link FakeGcsServer} on loopback.
 */
final class LoopbackGcs implements AutoCloseable {

	static final String BUCKET = "hardening-bench";

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REPLAY_INTERVAL = Duration.ofSeconds(10);

	final FakeGcsServer server;

	final Storage client;

	final GcsExperimentStorage storage;

	LoopbackGcs() throws IOException {
		this.server = new FakeGcsServer(BUCKET);
		this.client = GcsClients.create(this.server.url(), null, null, WRITE_TIMEOUT);
		this.storage = new GcsExperimentStorage(() -> this.client, BUCKET, "", SampleRecord.documents,
				GcsCallGuard.standalone(WRITE_TIMEOUT, REPLAY_INTERVAL));
	}

	@Override
	public void close() throws Exception {
		try {
			this.client.close();
		}
		finally {
			this.server.close();
		}
	}

}
