package io.hardening.bench.startup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Folders;
import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.SilentServer;
import io.hardening.bench.Stats;

/**
 * Time from process start to the first 200 on {@code /live} and {@code /ready}, and heap
 * and RSS once ready: the sample app in two set-ups against the plain Boot app, in
 * alternating rounds so that a change in the machine's load touches both alike.
 * <ul>
 * <li>{@code defaults}: the sample as it ships (simulated models, filesystem
 * storage);</li>
 * <li>{@code vertex unconfigured, GCS silent}: provider {@code vertex} without a project,
 * and a bucket whose host accepts connections and never answers. {@code /ready} stays 503
 * there by design ({@code vertexAi} cannot initialize), so only {@code /live} is
 * timed.</li>
 * </ul>
 */
public final class StartupPart implements BenchPart {

	private static final String PART = "startup";

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@Override
	public String name() {
		return PART;
	}

	@Override
	public List<Measurement> run(BenchContext context) throws Exception {
		int rounds = context.quick() ? 1 : 5;
		List<Double> baseLive = new ArrayList<>();
		List<Double> baseReady = new ArrayList<>();
		List<Double> sampleLive = new ArrayList<>();
		List<Double> sampleReady = new ArrayList<>();
		List<Double> hostileLive = new ArrayList<>();
		List<Double> baseHeap = new ArrayList<>();
		List<Double> sampleHeap = new ArrayList<>();
		List<Double> baseRss = new ArrayList<>();
		List<Double> sampleRss = new ArrayList<>();
		try (SilentServer silent = new SilentServer(); Folders folder = Folders.temporary("bench-startup")) {
			Path work = folder.path();
			for (int round = 0; round < rounds; round++) {
				try (JavaApp app = JavaApp.start(context.baselineJar(), 18081, List.of(), Map.of(), List.of(),
						context.logFile("startup-baseline-" + round))) {
					baseLive.add(millis(app.awaitOk("/live", LIMIT)));
					baseReady.add(millis(app.awaitOk("/ready", LIMIT)));
					baseHeap.add(mebibytes(app.heapUsedAfterGcBytes()));
					baseRss.add(mebibytes(app.rssBytes()));
				}
				try (JavaApp app = JavaApp.start(context.sampleJar(), 18080, List.of(), Map.of(),
						List.of("--hardening.storage.filesystem.path=" + work.resolve("storage")),
						context.logFile("startup-sample-" + round))) {
					sampleLive.add(millis(app.awaitOk("/live", LIMIT)));
					sampleReady.add(millis(app.awaitOk("/ready", LIMIT)));
					sampleHeap.add(mebibytes(app.heapUsedAfterGcBytes()));
					sampleRss.add(mebibytes(app.rssBytes()));
				}
				try (JavaApp app = JavaApp.start(context.sampleJar(), 18080, List.of(), Map.of(),
						List.of("--hardening.reasoning.provider=vertex", "--hardening.reasoning.vertex.project-id=",
								"--hardening.storage.gcs.bucket=bench-bucket",
								"--hardening.storage.gcs.host=" + silent.url(),
								"--hardening.storage.filesystem.path=" + work.resolve("storage")),
						context.logFile("startup-hostile-" + round))) {
					hostileLive.add(millis(app.awaitOk("/live", LIMIT)));
				}
			}
		}
		String rounds_ = "median of " + rounds + " alternating starts";
		return List.of(
				Measurement.compared(PART, "first 200 on /live, defaults", Stats.median(sampleLive),
						Stats.median(baseLive), "ms", false, rounds_),
				Measurement.compared(PART, "first 200 on /ready, defaults", Stats.median(sampleReady),
						Stats.median(baseReady), "ms", false, rounds_),
				Measurement.compared(PART, "first 200 on /live, Vertex unconfigured, GCS silent",
						Stats.median(hostileLive), Stats.median(baseLive), "ms", false,
						rounds_ + "; /ready stays 503 by design (vertexAi cannot initialize)"),
				Measurement.compared(PART, "heap after start (after a full GC), defaults", Stats.median(sampleHeap),
						Stats.median(baseHeap), "MiB", false, "jcmd GC.run, then GC.heap_info"),
				Measurement.compared(PART, "RSS after start, defaults", Stats.median(sampleRss), Stats.median(baseRss),
						"MiB", false, "VmRSS from /proc, after the heap figure"));
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

	private static double mebibytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
