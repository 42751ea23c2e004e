package io.hardening.bench.startup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hardening.bench.Measurement;
import io.hardening.bench.Stats;

/**
 * The start-up part's samples, per mode and application, and the figures made of them:
 * each of the sample app's figures beside the baseline's in the same mode, the sample's
 * and the baseline's first {@code /ready} beside the libraries app's where it ran, then
 * the targets.
 */
final class StartupFigures {

	private static final String PART = "startup";

	private final Map<StartMode, Map<StartupApp, Samples>> samples = new EnumMap<>(StartMode.class);

	private final List<Double> hostileLive = new ArrayList<>();

	void add(StartMode mode, StartupApp app, double liveMillis, double readyMillis, double heapMiB, double rssMiB) {
		Samples of = this.samples.computeIfAbsent(mode, (key) -> new EnumMap<>(StartupApp.class))
			.computeIfAbsent(app, (key) -> new Samples());
		of.live.add(liveMillis);
		of.ready.add(readyMillis);
		of.heap.add(heapMiB);
		of.rss.add(rssMiB);
	}

	void addHostile(double liveMillis) {
		this.hostileLive.add(liveMillis);
	}

	/**
	 * The figures.
	 * @param rounds how many rounds ran
	 * @param launches how each mode started, and why a mode did not
	 * @return per mode, first {@code /live} and {@code /ready} 200, heap and RSS of the
	 * sample against the baseline; the Vertex/GCS start; the targets
	 */
	List<Measurement> measurements(int rounds, Launches launches) {
		String starts = "median of " + rounds + " alternating starts";
		List<Measurement> figures = new ArrayList<>();
		for (StartMode mode : StartMode.values()) {
			String skipped = launches.skipped(mode);
			if (skipped != null) {
				figures.add(Measurement.of(PART, mode.label() + ": SKIPPED", Double.NaN, "", skipped));
				continue;
			}
			Samples sample = this.samples.get(mode).get(StartupApp.SAMPLE);
			Samples baseline = this.samples.get(mode).get(StartupApp.BASELINE);
			String how = starts + "; " + launches.launch(mode, StartupApp.SAMPLE).describe();
			String suffix = ", " + mode.label();
			figures.add(compared("first 200 on /live" + suffix, sample.live, baseline.live, "ms", how));
			figures.add(compared("first 200 on /ready" + suffix, sample.ready, baseline.ready, "ms", how));
			figures.add(compared("heap after start (after a full GC)" + suffix, sample.heap, baseline.heap, "MiB",
					"jcmd GC.run, then GC.heap_info (the app's JDK's jcmd)"));
			figures.add(compared("RSS after start" + suffix, sample.rss, baseline.rss, "MiB",
					"VmRSS from /proc, after the heap figure"));
			Samples libraries = this.samples.get(mode).get(StartupApp.LIBRARIES);
			if (libraries != null) {
				figures.add(compared("first 200 on /ready, sample / libraries" + suffix, sample.ready, libraries.ready,
						"ms", "the starter's own cost: Baseline column is the libraries app"
								+ " (plain Boot with the starter's libraries, none of its code)"));
				figures.add(compared("first 200 on /ready, libraries / baseline" + suffix, libraries.ready,
						baseline.ready, "ms", "the libraries' cost: Starter column is the libraries app"));
			}
		}
		figures.add(compared("first 200 on /live, Vertex unconfigured, GCS silent (java17)", this.hostileLive,
				this.samples.get(StartMode.JAVA17).get(StartupApp.BASELINE).live, "ms",
				starts + "; /ready stays 503 by design (vertexAi cannot initialize)"));
		figures.addAll(targets(launches));
		return figures;
	}

	private List<Measurement> targets(Launches launches) {
		List<Measurement> targets = new ArrayList<>();
		StartMode best = StartMode.JAVA25_SPRING_AOT_CACHE;
		String skipped = launches.skipped(best);
		if (skipped != null) {
			targets.add(Measurement.of(PART, "target: sample /ready, " + best.label() + " / java17 (<= 0.35)",
					Double.NaN, "", "SKIPPED: " + skipped));
			targets.add(Measurement.of(PART, "target: sample / baseline /ready, " + best.label() + " (<= 1.15)",
					Double.NaN, "", "SKIPPED: " + skipped));
		}
		else {
			targets.add(target("target: sample /ready, " + best.label() + " / java17 (<= 0.35)",
					ready(best, StartupApp.SAMPLE), ready(StartMode.JAVA17, StartupApp.SAMPLE), 0.35,
					"Baseline column: the sample on java17, same run"));
			targets.add(target("target: sample / baseline /ready, " + best.label() + " (<= 1.15)",
					ready(best, StartupApp.SAMPLE), ready(best, StartupApp.BASELINE), 1.15,
					"plain Boot started the same way"));
		}
		targets
			.add(target("target: sample / baseline /ready, java17 (<= 1.3)", ready(StartMode.JAVA17, StartupApp.SAMPLE),
					ready(StartMode.JAVA17, StartupApp.BASELINE), 1.3, "the JVM's defaults"));
		return targets;
	}

	private double ready(StartMode mode, StartupApp app) {
		return Stats.median(this.samples.get(mode).get(app).ready);
	}

	private static Measurement target(String name, double value, double baseline, double limit, String note) {
		double ratio = value / baseline;
		String verdict = (ratio <= limit) ? "met" : "NOT met";
		return Measurement.compared(PART, name, value, baseline, "ms", false,
				String.format(Locale.ROOT, "%s (%.2f, target <= %.2f); %s", verdict, ratio, limit, note));
	}

	private static Measurement compared(String name, List<Double> sample, List<Double> baseline, String unit,
			String note) {
		return Measurement.compared(PART, name, Stats.median(sample), Stats.median(baseline), unit, false, note);
	}

	private static final class Samples {

		final List<Double> live = new ArrayList<>();

		final List<Double> ready = new ArrayList<>();

		final List<Double> heap = new ArrayList<>();

		final List<Double> rss = new ArrayList<>();

	}

}
