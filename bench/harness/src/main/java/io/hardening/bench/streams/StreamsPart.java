package io.hardening.bench.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Folders;
import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.Stats;

/**
 * The streaming endpoint on the simulated provider (Flash 200 ms, Pro 400 ms), side by
 * side with the same stream written in plain WebFlux ({@code baseline-app}'s
 * {@code PlainSseStream}: the same events and latencies, nothing the starter adds):
 * <ul>
 * <li>bursts of 100 to 10,000 streams started at once, the two apps alternating at each
 * level: completed, failed, hung, p50 and p99 end to end and p99 to the response headers,
 * and the level where the starter saturates (p99 over the slower model's 400 ms plus 100
 * ms, the target); plotted in {@code streams.png};</li>
 * <li>1,000 streams open at once under steady load, each replaced as it ends
 * ({@link SustainedStreams}): streams a second, p50, p99 and server CPU per stream;</li>
 * <li>heap and RSS per open stream: streams held open on models that take 5 minutes,
 * against the same application idle.</li>
 * </ul>
 * The load client runs in the harness's JVM on the same machine, with one event-loop
 * thread.
 */
public final class StreamsPart implements BenchPart {

	static final String PART = "streams";

	private static final double SLOWER_MODEL_MILLIS = 400;

	private static final double ALLOWANCE_MILLIS = 100;

	private static final List<String> JVM = List.of("-Xmx2g");

	/**
	 * A heap that is all committed and touched from the start, so that the RSS difference
	 * is what the streams hold outside the heap (direct buffers, stacks), not the heap
	 * growing.
	 */
	private static final List<String> HELD_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

	@Override
	public String name() {
		return PART;
	}

	@Override
	public List<Measurement> run(BenchContext context) throws Exception {
		List<Integer> levels = context.quick() ? List.of(100, 500) : List.of(100, 500, 1000, 2000, 5000, 10000);
		List<Integer> held = context.quick() ? List.of(500) : List.of(1000, 10000);
		List<Measurement> measurements = new ArrayList<>();
		List<StreamChart.Point> points = new ArrayList<>();
		try (Folders work = Folders.temporary("bench-streams");
				JavaApp app = JavaApp.start(context.sampleJar(), 18080, JVM, Map.of(),
						sampleArguments(work, "200ms", "400ms", "120s"), context.logFile("streams-bursts"));
				JavaApp plain = JavaApp.start(context.baselineJar(), 18081, JVM, Map.of(),
						plainArguments("200ms", "400ms"), context.logFile("streams-bursts-baseline"));
				StreamLoad load = new StreamLoad(app.url(""), 10000);
				StreamLoad plainLoad = new StreamLoad(plain.url(""), 10000)) {
			app.awaitOk("/ready", Duration.ofSeconds(90));
			plain.awaitOk("/ready", Duration.ofSeconds(90));
			for (int warmUp = 0; warmUp < 2; warmUp++) {
				load.burst(200, Duration.ofSeconds(30));
				plainLoad.burst(200, Duration.ofSeconds(30));
			}
			// Before the bursts: their client keeps up to 10,000 connections an app open,
			// which leaves the harness no file for wrk's script.
			List<Measurement> sustained = SustainedStreams.measure(app, plain, 1000, context.quick() ? 1 : 2,
					context.quick() ? 10 : 30, work.path());
			// The starter may still be writing the run records of the steady load: the
			// bursts start on a quiet machine.
			Thread.sleep(context.quick() ? 2000 : 15000);
			Integer saturation = null;
			for (int level : levels) {
				StreamLoad.Burst burst = load.burst(level, Duration.ofSeconds(60));
				Thread.sleep(2000);
				StreamLoad.Burst base = plainLoad.burst(level, Duration.ofSeconds(60));
				Thread.sleep(2000);
				points.add(new StreamChart.Point(level, p(burst, 50), p(burst, 99), p(base, 50), p(base, 99)));
				String note = "starter " + counts(burst) + "; plain " + counts(base) + "; all started at once";
				measurements.add(Measurement.compared(PART, level + " streams: p50 end to end", p(burst, 50),
						p(base, 50), "ms", false, note));
				measurements.add(Measurement.compared(PART, level + " streams: p99 end to end", p(burst, 99),
						p(base, 99), "ms", false, note));
				measurements.add(Measurement.compared(PART, level + " streams: p99 to response headers",
						Stats.percentile(burst.headersMillis(), 99), Stats.percentile(base.headersMillis(), 99), "ms",
						false, note));
				measurements.add(Measurement.compared(PART, level + " streams: completed", burst.completed(),
						base.completed(), "streams", true, note));
				if (saturation == null
						&& (burst.completed() < level || p(burst, 99) > SLOWER_MODEL_MILLIS + ALLOWANCE_MILLIS)) {
					saturation = level;
				}
			}
			measurements.addAll(sustained);
			measurements.add(Measurement.of(PART, "saturation: first burst with p99 over 500 ms or a failure",
					(saturation != null) ? saturation : Double.NaN, "streams",
					(saturation != null) ? "bursts tried: " + levels : "none of " + levels + " saturated"));
		}
		StreamChart.write(points, SLOWER_MODEL_MILLIS, context.outputDirectory().resolve("streams.png"));
		for (int count : held) {
			measurements.addAll(memory(context, count));
		}
		return measurements;
	}

	private static double p(StreamLoad.Burst burst, double percentile) {
		return Stats.percentile(burst.latenciesMillis(), percentile);
	}

	private static String counts(StreamLoad.Burst burst) {
		return burst.completed() + " completed, " + burst.failed() + " failed, " + burst.hung() + " hung, wall "
				+ Math.round(burst.wallMillis()) + " ms";
	}

	private List<Measurement> memory(BenchContext context, int count) throws Exception {
		try (Folders work = Folders.temporary("bench-streams-held")) {
			Held starter = held(context.sampleJar(), sampleArguments(work, "300s", "300s", "600s"), count,
					context.logFile("streams-held-" + count));
			Held plain = held(context.baselineJar(), plainArguments("300s", "300s"), count,
					context.logFile("streams-held-baseline-" + count));
			String note = "starter " + starter.note() + "; plain " + plain.note()
					+ "; heap after a full GC against the same app idle";
			return List.of(
					Measurement.compared(PART, count + " open streams: held without errors", starter.allHeld() ? 1 : 0,
							plain.allHeld() ? 1 : 0, "yes=1", true, note),
					Measurement.compared(PART, count + " open streams: heap per stream", starter.heapKib(),
							plain.heapKib(), "KiB", false, note),
					Measurement.compared(PART, count + " open streams: RSS outside the heap per stream",
							starter.rssKib(), plain.rssKib(), "KiB", false, note));
		}
	}

	/**
	 * What one application held for {@code count} open streams.
	 */
	private record Held(boolean allHeld, double heapKib, double rssKib, String note) {
	}

	private static Held held(Path jar, List<String> arguments, int count, Path log) throws Exception {
		try (JavaApp app = JavaApp.start(jar, 18080, HELD_JVM, Map.of(), arguments, log);
				StreamLoad load = new StreamLoad(app.url(""), count)) {
			app.awaitOk("/ready", Duration.ofSeconds(90));
			load.burst(1, Duration.ofSeconds(1));
			long idleHeap = app.heapUsedAfterGcBytes();
			long idleRss = app.rssBytes();
			StreamLoad.Held streams = load.hold(count, Duration.ofSeconds(120));
			try {
				long heap = app.heapUsedAfterGcBytes();
				long rss = app.rssBytes();
				return new Held(streams.open() == count && streams.errors().get() == 0 && streams.ended().get() == 0,
						(heap - idleHeap) / 1024.0 / count, (rss - idleRss) / 1024.0 / count,
						streams.open() + " of " + count + " open, " + streams.errors().get() + " errors, "
								+ streams.ended().get() + " ended early, heap " + mib(idleHeap) + " idle and "
								+ mib(heap) + " held");
			}
			finally {
				streams.streams().dispose();
			}
		}
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
	}

	private static List<String> plainArguments(String flash, String pro) {
		return List.of("--bench.flash-latency=" + flash, "--bench.pro-latency=" + pro, "--logging.level.root=WARN");
	}

	private static List<String> sampleArguments(Folders work, String flash, String pro, String timeout) {
		return List.of("--hardening.reasoning.provider=simulated",
				"--hardening.reasoning.simulated.flash-latency=" + flash,
				"--hardening.reasoning.simulated.pro-latency=" + pro, "--hardening.reasoning.timeout=" + timeout,
				"--hardening.reasoning.max-concurrent-streams=12000",
				"--hardening.storage.filesystem.path=" + work.path().resolve("storage"), "--logging.level.root=WARN");
	}

}
