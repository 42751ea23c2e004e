package io.hardening.bench.probes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Folders;
import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.Stats;
import io.hardening.bench.Wrk;

/**
 * Probe throughput and latency: wrk against {@code /live}, {@code /ready} and
 * {@code /health} of the sample app (its defaults) and of the plain Boot app, both
 * running at once, in alternating runs after a warm-up, so both see the same machine.
 */
public final class ProbesPart implements BenchPart {

	private static final String PART = "probes";

	private static final List<String> PATHS = List.of("/live", "/ready", "/health");

	@Override
	public String name() {
		return PART;
	}

	@Override
	public List<Measurement> run(BenchContext context) throws Exception {
		int pairs = context.quick() ? 1 : 6;
		int seconds = context.quick() ? 2 : 5;
		int warmup = context.quick() ? 3 : 10;
		List<Measurement> measurements = new ArrayList<>();
		try (Folders work = Folders.temporary("bench-probes");
				JavaApp baseline = JavaApp.start(context.baselineJar(), 18081, List.of("-Xmx512m"), Map.of(), List.of(),
						context.logFile("probes-baseline"));
				JavaApp sample = JavaApp.start(context.sampleJar(), 18080, List.of("-Xmx512m"), Map.of(),
						List.of("--hardening.storage.filesystem.path=" + work.path().resolve("storage"),
								"--logging.level.root=WARN"),
						context.logFile("probes-sample"))) {
			baseline.awaitOk("/ready", Duration.ofSeconds(90));
			sample.awaitOk("/ready", Duration.ofSeconds(90));
			for (String path : PATHS) {
				Wrk.run(baseline.url(path), 1, 16, warmup);
				Wrk.run(sample.url(path), 1, 16, warmup);
				List<Wrk.Run> base = new ArrayList<>();
				List<Wrk.Run> starter = new ArrayList<>();
				for (int pair = 0; pair < pairs; pair++) {
					base.add(Wrk.run(baseline.url(path), 1, 16, seconds));
					starter.add(Wrk.run(sample.url(path), 1, 16, seconds));
				}
				String note = "wrk -t1 -c16, median of " + pairs + " alternating " + seconds + " s runs after a "
						+ warmup + " s warm-up; failures: starter " + failures(starter) + ", baseline "
						+ failures(base);
				measurements.add(Measurement.compared(PART, path + " throughput",
						Stats.median(starter.stream().map(Wrk.Run::requestsPerSecond).toList()),
						Stats.median(base.stream().map(Wrk.Run::requestsPerSecond).toList()), "req/s", true, note));
				measurements.add(Measurement.compared(PART, path + " p50 latency",
						Stats.median(starter.stream().map(Wrk.Run::p50Millis).toList()),
						Stats.median(base.stream().map(Wrk.Run::p50Millis).toList()), "ms", false, note));
				measurements.add(Measurement.compared(PART, path + " p99 latency",
						Stats.median(starter.stream().map(Wrk.Run::p99Millis).toList()),
						Stats.median(base.stream().map(Wrk.Run::p99Millis).toList()), "ms", false, note));
			}
		}
		return measurements;
	}

	private static long failures(List<Wrk.Run> runs) {
		return runs.stream().mapToLong(Wrk.Run::failures).sum();
	}

}
