package io.hardening.bench.storage;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage.BlobTargetOption;
import io.hardening.storage.gcs.GcsExperimentStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Stores a record under a new id per call on the loopback GCS stand-in: the starter's
 * {@link GcsExperimentStorage} against the same client creating the same two objects
 * ({@code metadata.json}, then {@code result.json}, each with the does-not-exist
 * precondition and the stored-time metadata) directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.SECONDS)
public class GcsStoreBenchmark {

	private final SampleRecord record = new SampleRecord();

	private LoopbackGcs gcs;

	private long next;

	@Setup(Level.Trial)
	public void startServer() throws Exception {
		this.gcs = new LoopbackGcs();
	}

	@TearDown(Level.Trial)
	public void stopServer() throws Exception {
		this.gcs.close();
	}

	@Benchmark
	public URI starter() {
		return this.gcs.storage.store(nextId(), this.record.result, this.record.metadata);
	}

	@Benchmark
	public void rawClient() {
		String id = nextId();
		Map<String, String> custom = Map.of(SampleRecord.STORED_AT,
				Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		create(id + "/" + RawFiles.METADATA, this.record.metadataBytes, custom);
		create(id + "/" + RawFiles.RESULT, this.record.resultBytes, custom);
	}

	private void create(String name, byte[] content, Map<String, String> custom) {
		BlobInfo blob = BlobInfo.newBuilder(BlobId.of(LoopbackGcs.BUCKET, name))
			.setContentType("application/json")
			.setMetadata(custom)
			.build();
		this.gcs.client.create(blob, content, BlobTargetOption.doesNotExist());
	}

	private String nextId() {
		return "run-" + this.next++;
	}

}
