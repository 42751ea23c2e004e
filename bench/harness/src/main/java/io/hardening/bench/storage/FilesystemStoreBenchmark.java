package io.hardening.bench.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
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
 * Stores a record under a new id per call: the starter's
 * {@link FilesystemExperimentStorage} against {@link RawFiles#store} of the same bytes
 * with the same fsyncs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilesystemStoreBenchmark {

	private final SampleRecord record = new SampleRecord();

	private Path root;

	private FilesystemExperimentStorage storage;

	private long next;

	@Setup(Level.Trial)
	public void createFolder() throws IOException {
		this.root = TempDirectories.create("store");
		this.storage = new FilesystemExperimentStorage(this.root, SampleRecord.documents);
	}

	@TearDown(Level.Trial)
	public void deleteFolder() throws IOException {
		TempDirectories.delete(this.root);
	}

	@Benchmark
	public URI starter() {
		return this.storage.store(nextId(), this.record.result, this.record.metadata);
	}

	@Benchmark
	public void raw() throws IOException {
		RawFiles.store(this.root, nextId(), this.record.metadataBytes, this.record.resultBytes);
	}

	private String nextId() {
		return "run-" + this.next++;
	}

}
