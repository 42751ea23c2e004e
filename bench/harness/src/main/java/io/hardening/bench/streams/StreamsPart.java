package io.hardening.bench.streams;

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

/**
 * The streaming endpoint on the simulated provider (Flash 200 ms, Pro 400 ms):
 * <ul>
 * <li>bursts of 100 to 10,000 streams started at once: completed, failed, hung, p50 and
 * p99 end to end against the slower model's 400 ms, and the level where it saturates
 * (plotted in {@code streams.png});</li>
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
						arguments(work, "200ms", "400ms", "120s"), context.logFile("streams-bursts"));
				StreamLoad load = new StreamLoad(app.url(""), 10000)) {
			app.awaitOk("/ready", Duration.ofSeconds(90));
			load.burst(200, Duration.ofSeconds(30));
			load.burst(200, Duration.ofSeconds(30));
			Integer saturation = null;
			for (int level : levels) {
				StreamLoad.Burst burst = load.burst(level, Duration.ofSeconds(60));
				double p50 = Stats.percentile(burst.latenciesMillis(), 50);
				double p99 = Stats.percentile(burst.latenciesMillis(), 99);
				points.add(new StreamChart.Point(level, p50, p99, burst.completed()));
				String note = burst.completed() + " completed, " + burst.failed() + " failed, " + burst.hung()
						+ " hung; all started at once; wall " + Math.round(burst.wallMillis()) + " ms";
				measurements.add(Measurement.compared(PART, level + " streams: p50 end to end", p50,
						SLOWER_MODEL_MILLIS, "ms", false, note));
				measurements.add(Measurement.compared(PART, level + " streams: p99 end to end", p99,
						SLOWER_MODEL_MILLIS, "ms", false, note));
				measurements.add(Measurement.of(PART, level + " streams: p99 to response headers",
						Stats.percentile(burst.headersMillis(), 99), "ms", note));
				measurements.add(Measurement.compared(PART, level + " streams: completed", burst.completed(), level,
						"streams", true, note));
				if (saturation == null && (burst.completed() < level || p99 > SLOWER_MODEL_MILLIS + ALLOWANCE_MILLIS)) {
					saturation = level;
				}
				Thread.sleep(2000);
			}
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

	private List<Measurement> memory(BenchContext context, int count) throws Exception {
		try (Folders work = Folders.temporary("bench-streams-held");
				JavaApp app = JavaApp.start(context.sampleJar(), 18080, HELD_JVM, Map.of(),
						arguments(work, "300s", "300s", "600s"), context.logFile("streams-held-" + count));
				StreamLoad load = new StreamLoad(app.url(""), count)) {
			app.awaitOk("/ready", Duration.ofSeconds(90));
			load.burst(1, Duration.ofSeconds(1));
			long idleHeap = app.heapUsedAfterGcBytes();
			long idleRss = app.rssBytes();
			StreamLoad.Held streams = load.hold(count, Duration.ofSeconds(120));
			try {
				long heap = app.heapUsedAfterGcBytes();
				long rss = app.rssBytes();
				String note = streams.open() + " of " + count + " open (start event received), "
						+ streams.errors().get() + " errors; heap after a full GC against the idle app";
				return List.of(
						Measurement.of(PART, count + " open streams: held without errors",
								(streams.open() == count && streams.errors().get() == 0) ? 1 : 0, "yes=1", note),
						Measurement.of(PART, count + " open streams: heap per stream",
								(heap - idleHeap) / 1024.0 / count, "KiB", note),
						Measurement.of(PART, count + " open streams: RSS outside the heap per stream",
								(rss - idleRss) / 1024.0 / count, "KiB", note));
			}
			finally {
				streams.streams().dispose();
			}
		}
	}

	private static List<String> arguments(Folders work, String flash, String pro, String timeout) {
		return List.of("--hardening.reasoning.provider=simulated",
				"--hardening.reasoning.simulated.flash-latency=" + flash,
				"--hardening.reasoning.simulated.pro-latency=" + pro, "--hardening.reasoning.timeout=" + timeout,
				"--hardening.reasoning.max-concurrent-streams=12000",
				"--hardening.storage.filesystem.path=" + work.path().resolve("storage"), "--logging.level.root=WARN");
	}

}
