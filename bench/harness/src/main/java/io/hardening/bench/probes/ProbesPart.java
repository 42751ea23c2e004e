package io.hardening.bench.probes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Folders;
import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.Stats;
import io.hardening.bench.Wrk;

/**
 * Probe throughput and latency: wrk against {@code /live}, {@code /ready} and
 * {@code /health} of the sample app (its defaults) and of the plain Boot app, all running
 * at once, in alternating runs after a warm-up long enough for the JIT to settle
 * (throughput still rose for about 30 s of load), so both see the same machine.
 * {@code /live} is also measured on the sample app with
 * {@code spring.reactor.context-propagation=limited}, the cost of carrying the request id
 * into log lines on every thread (docs/performance.md).
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
		Load load = context.quick() ? new Load(1, 2, 3) : new Load(6, 5, 20);
		List<Measurement> measurements = new ArrayList<>();
		try (Folders work = Folders.temporary("bench-probes");
				JavaApp baseline = JavaApp.start(context.baselineJar(), 18081, List.of("-Xmx512m"), Map.of(), List.of(),
						context.logFile("probes-baseline"));
				JavaApp sample = JavaApp.start(context.sampleJar(), 18080, List.of("-Xmx512m"), Map.of(),
						List.of("--hardening.storage.filesystem.path=" + work.path().resolve("storage"),
								"--logging.level.root=WARN"),
						context.logFile("probes-sample"));
				JavaApp limited = JavaApp.start(context.sampleJar(), 18082, List.of("-Xmx512m"), Map.of(),
						List.of("--hardening.storage.filesystem.path=" + work.path().resolve("storage-limited"),
								"--logging.level.root=WARN", "--spring.reactor.context-propagation=limited"),
						context.logFile("probes-sample-limited"))) {
			baseline.awaitOk("/ready", Duration.ofSeconds(90));
			sample.awaitOk("/ready", Duration.ofSeconds(90));
			limited.awaitOk("/ready", Duration.ofSeconds(90));
			// Throughput was still rising a minute into the load: a first warm-up of
			// every
			// application on every path before any path is measured.
			for (JavaApp app : List.of(baseline, sample, limited)) {
				for (String path : PATHS) {
					Wrk.run(app.url(path), 1, 16, load.warmupSeconds() / 2);
				}
			}
			for (String path : PATHS) {
				measurements.addAll(compare(path, "", sample, baseline, load));
			}
			measurements.addAll(compare("/live", " (context-propagation=limited)", limited, baseline, load));
		}
		return measurements;
	}

	private static List<Measurement> compare(String path, String label, JavaApp starterApp, JavaApp baselineApp,
			Load load) throws Exception {
		Wrk.run(baselineApp.url(path), 1, 16, load.warmupSeconds());
		Wrk.run(starterApp.url(path), 1, 16, load.warmupSeconds());
		List<Wrk.Run> base = new ArrayList<>();
		List<Wrk.Run> starter = new ArrayList<>();
		for (int pair = 0; pair < load.pairs(); pair++) {
			// ABBA: whichever runs second in a pair gains from any warming still going
			// on.
			if (pair % 2 == 0) {
				base.add(Wrk.run(baselineApp.url(path), 1, 16, load.seconds()));
				starter.add(Wrk.run(starterApp.url(path), 1, 16, load.seconds()));
			}
			else {
				starter.add(Wrk.run(starterApp.url(path), 1, 16, load.seconds()));
				base.add(Wrk.run(baselineApp.url(path), 1, 16, load.seconds()));
			}
		}
		String note = "wrk -t1 -c16, median of " + load.pairs() + " alternating (ABBA) " + load.seconds()
				+ " s runs after a " + load.warmupSeconds() + " s warm-up of the path and a first "
				+ (load.warmupSeconds() / 2) + " s of every path; failures: starter " + failures(starter)
				+ ", baseline " + failures(base);
		return List.of(
				Measurement.compared(PART, path + label + " throughput", median(starter, Wrk.Run::requestsPerSecond),
						median(base, Wrk.Run::requestsPerSecond), "req/s", true, note),
				Measurement.compared(PART, path + label + " p50 latency", median(starter, Wrk.Run::p50Millis),
						median(base, Wrk.Run::p50Millis), "ms", false, note),
				Measurement.compared(PART, path + label + " p99 latency", median(starter, Wrk.Run::p99Millis),
						median(base, Wrk.Run::p99Millis), "ms", false, note));
	}

	private static double median(List<Wrk.Run> runs, ToDoubleFunction<Wrk.Run> figure) {
		return Stats.median(runs.stream().map(figure::applyAsDouble).toList());
	}

	private static long failures(List<Wrk.Run> runs) {
		return runs.stream().mapToLong(Wrk.Run::failures).sum();
	}

	/**
	 * How long to load.
	 *
	 * @param pairs alternating runs of each application
	 * @param seconds length of one run
	 * @param warmupSeconds load on each application before the runs that count
	 */
	private record Load(int pairs, int seconds, int warmupSeconds) {
	}

}
