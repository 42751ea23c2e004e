package io.hardening.bench.storage;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.StoredExperiment;
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
 * Lists the newest page of {@value FilesystemListBenchmark#RECORDS} records on the
 * loopback GCS stand-in with the starter's {@link GcsExperimentStorage#list}: one listing
 * request, then two downloads per record of the page.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.SECONDS)
public class GcsListBenchmark {

	private LoopbackGcs gcs;

	@Setup(Level.Trial)
	public void storeRecords() throws Exception {
		this.gcs = new LoopbackGcs();
		SampleRecord record = new SampleRecord();
		Instant first = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < FilesystemListBenchmark.RECORDS; i++) {
			this.gcs.storage.store("run-" + i, record.result, record.metadata, first.plusSeconds(i));
		}
	}

	@TearDown(Level.Trial)
	public void stopServer() throws Exception {
		this.gcs.close();
	}

	@Benchmark
	public List<StoredExperiment> starter() {
		return this.gcs.storage.list(FilesystemListBenchmark.PAGE, 0);
	}

}
