package io.hardening.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hardening.bench.probes.ProbesPart;
import io.hardening.bench.startup.StartupPart;
import io.hardening.bench.storage.StoragePart;
import io.hardening.bench.streams.StreamsPart;

/**
 * Runs the chosen parts and writes {@code results.md} and {@code results.json}.
 * <p>
 * Usage:
 * {@code Harness [--quick] [--out DIR] [--sample JAR] [--baseline JAR] [--sample-spring-aot JAR] [--baseline-spring-aot JAR] [--libraries JAR] [--libraries-spring-aot JAR] [part...]}
 * where a part is {@code probes}, {@code startup}, {@code streams} or {@code storage}
 * (all of them when none is given). The Spring AOT jars (built with {@code -Pspring-aot})
 * serve the start-up part's {@code java25+spring-aot+cache} mode, which is skipped
 * without them. The libraries app's jars ({@code bench/libraries-app}) add a third
 * application to the start-up part, left out without them.
 */
public final class Harness {

	private Harness() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, BenchPart> parts = new LinkedHashMap<>();
		for (BenchPart part : List.of(new ProbesPart(), new StartupPart(), new StreamsPart(), new StoragePart())) {
			parts.put(part.name(), part);
		}
		boolean quick = false;
		Path out = Path.of("bench/results");
		Path sample = Path.of("sample-app/target/hardening-sample-app-0.1.0-SNAPSHOT.jar");
		Path baseline = Path.of("bench/baseline-app/target/baseline-app.jar");
		Path sampleSpringAot = null;
		Path baselineSpringAot = null;
		Path libraries = null;
		Path librariesSpringAot = null;
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--out" -> out = Path.of(args[++i]);
				case "--sample" -> sample = Path.of(args[++i]);
				case "--baseline" -> baseline = Path.of(args[++i]);
				case "--sample-spring-aot" -> sampleSpringAot = Path.of(args[++i]).toAbsolutePath();
				case "--baseline-spring-aot" -> baselineSpringAot = Path.of(args[++i]).toAbsolutePath();
				case "--libraries" -> libraries = Path.of(args[++i]).toAbsolutePath();
				case "--libraries-spring-aot" -> librariesSpringAot = Path.of(args[++i]).toAbsolutePath();
				default -> {
					if (!parts.containsKey(args[i])) {
						throw new IllegalArgumentException("Unknown part '" + args[i] + "'; parts are " + parts.keySet()
								+ " and --quick, --out, --sample, --baseline, --sample-spring-aot, --baseline-spring-aot,"
								+ " --libraries, --libraries-spring-aot");
					}
					chosen.add(args[i]);
				}
			}
		}
		if (chosen.isEmpty()) {
			chosen.addAll(parts.keySet());
		}
		Files.createDirectories(out.resolve("logs"));
		BenchContext context = new BenchContext(sample.toAbsolutePath(), baseline.toAbsolutePath(), sampleSpringAot,
				baselineSpringAot, libraries, librariesSpringAot, out.toAbsolutePath(), quick);
		Instant started = Instant.now();
		List<Measurement> measurements = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (String name : chosen) {
			System.out.printf("== %s%n", name);
			try {
				List<Measurement> figures = parts.get(name).run(context);
				figures.forEach((figure) -> System.out.println("   " + Results.line(figure)));
				measurements.addAll(figures);
			}
			catch (Exception ex) {
				ex.printStackTrace();
				failures.add(name + ": " + ex);
			}
		}
		Results results = new Results(Machine.describe(), started, Duration.between(started, Instant.now()),
				Arrays.asList(args), measurements, failures);
		// results.md for a run of every part, results-probes-streams.md for a run of two
		String name = chosen.equals(List.copyOf(parts.keySet())) ? "results" : "results-" + String.join("-", chosen);
		results.write(out, name);
		System.out.printf("wrote %s and %s%n", out.resolve(name + ".md"), out.resolve(name + ".json"));
		if (!failures.isEmpty()) {
			System.exit(1);
		}
	}

}
