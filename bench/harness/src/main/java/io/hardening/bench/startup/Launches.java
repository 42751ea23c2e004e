package io.hardening.bench.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hardening.bench.BenchContext;
import io.hardening.bench.JavaApp;

/**
 * Every mode's launch of both applications, prepared once per run before the timed
 * rounds: the jars extracted for Java 25 and the AOT caches trained (neither is timed),
 * in the part's work folder. A mode that cannot run (no Java 25, no Spring AOT jars, a
 * failed training) is skipped with the reason, printed loudly and kept for the results;
 * {@code java17} always runs.
 */
final class Launches {

	private final Map<StartMode, Map<StartupApp, Launch>> launches = new EnumMap<>(StartMode.class);

	private final Map<StartMode, String> skipped = new EnumMap<>(StartMode.class);

	private final Map<Path, Path> extracted = new HashMap<>();

	private Launches() {
	}

	/**
	 * Prepares every mode.
	 * @param context the built jars and the log folder
	 * @param work the part's temporary folder (under {@code BENCH_WORK_DIR} when set)
	 * @return the launches and the skipped modes
	 */
	static Launches prepare(BenchContext context, Path work) throws InterruptedException {
		Launches prepared = new Launches();
		Map<StartupApp, Launch> java17 = new EnumMap<>(StartupApp.class);
		for (StartupApp app : StartupApp.values()) {
			if (app.jar(context, false) != null) {
				java17.put(app, new Launch(JavaApp.harnessJavaHome(), app.jar(context, false), List.of(),
						app.arguments(work), app.port()));
			}
		}
		prepared.launches.put(StartMode.JAVA17, java17);
		Path java25 = Jdks.java25Home();
		String unusable = Jdks.unusable(java25);
		for (StartMode mode : StartMode.values()) {
			if (!mode.java25()) {
				continue;
			}
			if (unusable != null) {
				prepared.skip(mode, unusable);
			}
			else if (mode.springAot()
					&& (context.sampleSpringAotJar() == null || context.baselineSpringAotJar() == null)) {
				prepared.skip(mode, "no jars built with Spring AOT (-Pspring-aot; bench/run builds them and"
						+ " passes --sample-spring-aot and --baseline-spring-aot)");
			}
			else {
				try {
					prepared.launches.put(mode, prepared.prepare(mode, java25, context, work));
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					ex.printStackTrace();
					prepared.skip(mode, "FAILED to prepare: " + ex.getMessage());
				}
			}
		}
		return prepared;
	}

	private Map<StartupApp, Launch> prepare(StartMode mode, Path java25, BenchContext context, Path work)
			throws Exception {
		Map<StartupApp, Launch> prepared = new EnumMap<>(StartupApp.class);
		for (StartupApp app : StartupApp.values()) {
			Path jar = app.jar(context, mode.springAot());
			if (jar == null && app == StartupApp.LIBRARIES) {
				continue;
			}
			Path folder = work.resolve("extracted")
				.resolve(app.label() + (mode.springAot() ? "-spring-aot" : "-plain"));
			Path extractedJar = this.extracted.get(jar);
			if (extractedJar == null) {
				extractedJar = AotCache.extract(java25, jar, folder);
				this.extracted.put(jar, extractedJar);
			}
			Launch launch = new Launch(java25, extractedJar,
					mode.springAot() ? List.of("-Dspring.aot.enabled=true") : List.of(), app.arguments(work),
					app.port());
			if (mode.cache()) {
				Path cache = work.resolve("aot").resolve(app.label() + "-" + mode.label() + ".aot");
				Files.createDirectories(cache.getParent());
				Duration took = AotCache.train(launch, cache, mode.springAot(),
						context.logFile("startup-training-" + app.label() + "-" + mode.label()));
				System.out.printf("   %s, %s: AOT cache trained in %,d ms (%,d MiB), not timed%n", mode.label(),
						app.label(), took.toMillis(), Files.size(cache) >> 20);
				// AOTMode=on: the JVM refuses to start rather than run without the cache
				launch = launch.withJvmOptions("-XX:AOTCache=" + cache, "-XX:AOTMode=on");
			}
			prepared.put(app, launch);
		}
		return prepared;
	}

	private void skip(StartMode mode, String reason) {
		this.skipped.put(mode, reason);
		String line = "!!! startup: mode " + mode.label() + " SKIPPED: " + reason;
		String bar = "!".repeat(Math.min(100, line.length()));
		System.out.println(bar + "\n" + line + "\n" + bar);
	}

	/**
	 * The modes that run, in {@link StartMode} order.
	 * @return the modes
	 */
	List<StartMode> modes() {
		return new ArrayList<>(this.launches.keySet());
	}

	Launch launch(StartMode mode, StartupApp app) {
		return this.launches.get(mode).get(app);
	}

	/**
	 * The applications a mode starts: the sample and the baseline, and the libraries app
	 * where its jar was built.
	 * @param mode a mode that runs
	 * @return the applications, in {@link StartupApp} order
	 */
	List<StartupApp> apps(StartMode mode) {
		return new ArrayList<>(this.launches.get(mode).keySet());
	}

	/**
	 * Why a mode does not run.
	 * @param mode the mode
	 * @return the reason, or {@code null} when it runs
	 */
	String skipped(StartMode mode) {
		return this.skipped.get(mode);
	}

}
