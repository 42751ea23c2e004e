package io.hardening.bench.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Measurement;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Store and list throughput of the starter's storage, in-process with JMH: the filesystem
 * backend against raw {@code java.nio} with the same fsyncs ({@link RawFiles}), and the
 * GCS backend against the loopback stand-in, compared with its own client making the same
 * object writes.
 */
public final class StoragePart implements BenchPart {

	private static final String PART = "storage";

	private static final String RECORD = "new id per call, 1 KB result + 0.1 KB metadata";

	/**
	 * Makes the JDK's HTTP server under {@code FakeGcsServer} send without Nagle's delay:
	 * without it every request on loopback waits about 40 ms for a delayed ACK, and the
	 * figures measure that wait instead of the storage.
	 */
	private static final String HTTP_SERVER_NO_DELAY = "-Dsun.net.httpserver.nodelay=true";

	private static final String PAGE = String.format(Locale.ROOT, "newest %d of %,d records",
			FilesystemListBenchmark.PAGE, FilesystemListBenchmark.RECORDS);

	@Override
	public String name() {
		return PART;
	}

	@Override
	public List<Measurement> run(BenchContext context) throws Exception {
		List<Measurement> figures = new ArrayList<>();
		AlternatingFilesystemStore.Figures store = AlternatingFilesystemStore.run(context.quick());
		figures.add(Measurement.compared(PART, "filesystem store ops/s", store.starter(), store.raw(), "ops/s", true,
				RECORD + "; raw: same bytes, same 2 file fsyncs, 2 atomic renames and 2 folder fsyncs; median of "
						+ store.rounds() + " alternating " + store.seconds()
						+ " s rounds (fsync speed drifts); target ratio >= 0.5"));
		Map<String, RunResult> jmhStore = run(FilesystemStoreBenchmark.class, context);
		figures.add(throughput("filesystem store (JMH, starter then raw)", jmhStore, "raw",
				RECORD + "; not alternating, so the ratio includes the disk's drift between the two"));
		Map<String, RunResult> list = run(FilesystemListBenchmark.class, context);
		figures.add(throughput("filesystem list", list, "raw",
				PAGE + ", page cache warm; raw: Files.list, a stat per record, read 2 files per page record"));
		Map<String, RunResult> gcsStore = run(GcsStoreBenchmark.class, context, HTTP_SERVER_NO_DELAY);
		figures.add(throughput("GCS store", gcsStore, "rawClient",
				RECORD + ", loopback FakeGcsServer; raw: same client, same 2 creates"));
		figures.add(latency("GCS store", gcsStore, "rawClient", 50));
		figures.add(latency("GCS store", gcsStore, "rawClient", 99));
		for (int offset : new int[] { 0, GcsPageCost.RECORDS - GcsPageCost.PAGE }) {
			figures
				.add(Measurement.of(PART,
						String.format(Locale.ROOT, "GCS requests of a page of %d at offset %d", GcsPageCost.PAGE,
								offset),
						GcsPageCost.requests(offset), "requests",
						GcsPageCost.RECORDS + " records stored through the spooling storage, loopback FakeGcsServer; "
								+ "a count, the same on every run"));
		}
		Map<String, RunResult> gcsList = run(GcsListBenchmark.class, context, HTTP_SERVER_NO_DELAY);
		figures.add(throughput("GCS list", gcsList, null, PAGE + ", loopback FakeGcsServer; no baseline"));
		figures.add(latency("GCS list", gcsList, null, 50));
		figures.add(latency("GCS list", gcsList, null, 99));
		return figures;
	}

	private static Map<String, RunResult> run(Class<?> benchmark, BenchContext context, String... jvmArguments)
			throws Exception {
		System.out.printf("   running %s (log in %s)%n", benchmark.getSimpleName(),
				context.logFile("storage-" + benchmark.getSimpleName()));
		return JmhRun.run(benchmark, context, jvmArguments);
	}

	private static Measurement throughput(String what, Map<String, RunResult> results, String baselineMethod,
			String note) {
		Result<?> starter = results.get("starter/thrpt").getPrimaryResult();
		if (baselineMethod == null) {
			return new Measurement(PART, what + " ops/s", starter.getScore(), null, "ops/s", true,
					note + "; " + withError(starter));
		}
		Result<?> baseline = results.get(baselineMethod + "/thrpt").getPrimaryResult();
		return Measurement.compared(PART, what + " ops/s", starter.getScore(), baseline.getScore(), "ops/s", true,
				note + "; starter " + withError(starter) + ", baseline " + withError(baseline));
	}

	private static Measurement latency(String what, Map<String, RunResult> results, String baselineMethod,
			double percentile) {
		String name = String.format(Locale.ROOT, "%s latency p%.0f", what, percentile);
		double starter = millis(results.get("starter/sample"), percentile);
		String note = "JMH sample mode, one caller";
		if (baselineMethod == null) {
			return Measurement.of(PART, name, starter, "ms", note);
		}
		return Measurement.compared(PART, name, starter, millis(results.get(baselineMethod + "/sample"), percentile),
				"ms", false, note + "; baseline: " + baselineMethod);
	}

	private static double millis(RunResult result, double percentile) {
		// The classes' output time unit is seconds, so sample mode reports s/op.
		return result.getPrimaryResult().getStatistics().getPercentile(percentile) * 1000;
	}

	private static String withError(Result<?> result) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? String.format(Locale.ROOT, "%.0f", result.getScore())
				: String.format(Locale.ROOT, "%.0f ± %.0f (99.9%% CI)", result.getScore(), error);
	}

}
