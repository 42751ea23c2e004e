package io.hardening.bench.startup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Folders;
import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.SilentServer;

/**
 * Cold start: time from process start to the first 200 on {@code /live} and
 * {@code /ready}, then heap after a full GC and RSS, of the sample app against the plain
 * Boot app in four modes ({@link StartMode}):
 * <ul>
 * <li>{@code java17}: the default JDK, {@code java -jar app.jar};</li>
 * <li>{@code java25}: Temurin 25 ({@code JAVA25_HOME}, else
 * {@value Jdks#DEFAULT_JAVA25_HOME}) on the extracted jar ({@code -Djarmode=tools
 * extract}), no cache;</li>
 * <li>{@code java25+cache}: the same with Java's AOT cache, trained on the probes and one
 * stream, started with {@code -XX:AOTCache -XX:AOTMode=on} (a cache it cannot use stops
 * the start);</li>
 * <li>{@code java25+spring-aot+cache}: the same on the jars built with Spring AOT
 * ({@code -Pspring-aot}), trained and started with
 * {@code -Dspring.aot.enabled=true}.</li>
 * </ul>
 * Extraction and training happen once, before the timed rounds, in a temporary folder
 * ({@code BENCH_WORK_DIR} when set) and are not timed ({@link Launches}). In each round
 * every mode runs, in an order that rotates from round to round, and within a mode the
 * applications take turns going first, so a change in the machine's load touches all
 * alike. Where {@code bench/libraries-app} was built, a third application runs beside
 * them in the same rotation: the baseline with the starter's libraries and none of its
 * code, so that the sample against it is the starter's own cost. Without Java 25 the
 * {@code java25} modes are skipped, loudly, and {@code java17} still runs. Each round
 * also starts the sample on {@code java17} with provider {@code vertex} without a project
 * and a bucket whose host accepts connections and never answers: {@code /ready} stays 503
 * there by design ({@code vertexAi} cannot initialize), so only {@code /live} is timed.
 * The results end with the targets: the sample's {@code /ready} in
 * {@code java25+spring-aot+cache} against {@code java17} (at most 0.35), and the sample
 * against the baseline in {@code java25+spring-aot+cache} (at most 1.15) and in
 * {@code java17} (at most 1.3).
 */
public final class StartupPart implements BenchPart {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@Override
	public String name() {
		return "startup";
	}

	@Override
	public List<Measurement> run(BenchContext context) throws Exception {
		int rounds = context.quick() ? 1 : 5;
		StartupFigures figures = new StartupFigures();
		try (SilentServer silent = new SilentServer(); Folders folder = Folders.temporary("bench-startup")) {
			Path work = folder.path();
			Launches launches = Launches.prepare(context, work);
			List<StartMode> modes = launches.modes();
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < modes.size(); i++) {
					StartMode mode = modes.get((round + i) % modes.size());
					List<StartupApp> order = launches.apps(mode);
					Collections.rotate(order, round + i);
					for (StartupApp app : order) {
						time(launches.launch(mode, app), mode, app, round, context, figures);
					}
				}
				Launch hostile = launches.launch(StartMode.JAVA17, StartupApp.SAMPLE)
					.withArguments("--hardening.reasoning.provider=vertex", "--hardening.reasoning.vertex.project-id=",
							"--hardening.storage.gcs.bucket=bench-bucket",
							"--hardening.storage.gcs.host=" + silent.url());
				try (JavaApp app = hostile.start(context.logFile("startup-hostile-" + round))) {
					figures.addHostile(millis(app.awaitOk("/live", LIMIT)));
				}
			}
			return figures.measurements(rounds, launches);
		}
	}

	private static void time(Launch launch, StartMode mode, StartupApp app, int round, BenchContext context,
			StartupFigures figures) throws Exception {
		Path log = context.logFile("startup-" + app.label() + "-" + mode.label() + "-" + round);
		try (JavaApp started = launch.start(log)) {
			double live = millis(started.awaitOk("/live", LIMIT));
			double ready = millis(started.awaitOk("/ready", LIMIT));
			double heap = mebibytes(started.heapUsedAfterGcBytes());
			double rss = mebibytes(started.rssBytes());
			figures.add(mode, app, live, ready, heap, rss);
			System.out.printf("   round %d, %s, %s: /live %,.0f ms, /ready %,.0f ms, heap %.1f MiB, RSS %.1f MiB%n",
					round + 1, mode.label(), app.label(), live, ready, heap, rss);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(
					app.label() + " in " + mode.label() + ": " + ex.getMessage() + " (see " + log + ")", ex);
		}
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

	private static double mebibytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
