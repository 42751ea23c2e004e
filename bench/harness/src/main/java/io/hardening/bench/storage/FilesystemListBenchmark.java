package io.hardening.bench.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hardening.storage.StoredExperiment;
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
 * Lists the newest page of {@value #RECORDS} records: the starter's
 * {@link FilesystemExperimentStorage#list} against {@link RawFiles#readPage} of the same
 * files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilesystemListBenchmark {

	static final int RECORDS = 1000;

	/**
	 * The storage API's default page size ({@code StorageApi.DEFAULT_LIMIT}).
	 */
	static final int PAGE = 100;

	private Path root;

	private FilesystemExperimentStorage storage;

	@Setup(Level.Trial)
	public void storeRecords() throws IOException {
		this.root = TempDirectories.create("list");
		this.storage = new FilesystemExperimentStorage(this.root, SampleRecord.documents);
		SampleRecord record = new SampleRecord();
		Instant first = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < RECORDS; i++) {
			this.storage.store("run-" + i, record.result, record.metadata, first.plusSeconds(i));
		}
	}

	@TearDown(Level.Trial)
	public void deleteFolder() throws IOException {
		TempDirectories.delete(this.root);
	}

	@Benchmark
	public List<StoredExperiment> starter() {
		return this.storage.list(PAGE, 0);
	}

	@Benchmark
	public List<byte[]> raw() throws IOException {
		return RawFiles.readPage(this.root, PAGE);
	}

}
