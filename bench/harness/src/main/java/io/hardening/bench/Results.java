package io.hardening.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's figures, written as {@code results.json} (every figure, for tools) and
 * {@code results.md} (a table per part, for people).
 *
 * @param machine what it ran on
 * @param started when the run began
 * @param took how long it took
 * @param arguments the harness's arguments
 * @param measurements the figures
 * @param failures the parts that could not run, with why
 */
record Results(Map<String, String> machine, Instant started, Duration took, List<String> arguments,
		List<Measurement> measurements, List<String> failures) {

	/**
	 * Writes {@code name.json} and {@code name.md}.
	 * @param directory where
	 * @param name the file name without extension
	 * @throws IOException when a file cannot be written
	 */
	void write(Path directory, String name) throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("machine", this.machine);
		json.put("started", this.started.toString());
		json.put("tookSeconds", this.took.toSeconds());
		json.put("arguments", this.arguments);
		json.put("measurements", this.measurements.stream().map(Results::toJson).toList());
		json.put("failures", this.failures);
		JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(directory.resolve(name + ".json"), mapper.writeValueAsString(json));
		Files.writeString(directory.resolve(name + ".md"), markdown());
	}

	private static Map<String, Object> toJson(Measurement measurement) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("part", measurement.part());
		json.put("name", measurement.name());
		json.put("value", measurement.value());
		json.put("baseline", measurement.baseline());
		json.put("ratio", measurement.ratio());
		json.put("unit", measurement.unit());
		json.put("higherIsBetter", measurement.higherIsBetter());
		json.put("note", measurement.note());
		return json;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results\n\n");
		md.append("Run ")
			.append(this.started)
			.append(", took ")
			.append(this.took.toSeconds())
			.append(" s, arguments `")
			.append(String.join(" ", this.arguments))
			.append("`.\n\n");
		this.machine.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
		String part = null;
		for (Measurement measurement : this.measurements) {
			if (!measurement.part().equals(part)) {
				part = measurement.part();
				md.append("\n## ").append(part).append("\n\n");
				md.append("| Figure | Starter | Baseline | Ratio | Note |\n|---|---:|---:|---:|---|\n");
			}
			md.append("| ")
				.append(measurement.name())
				.append(" | ")
				.append(format(measurement.value(), measurement.unit()))
				.append(" | ")
				.append((measurement.baseline() != null) ? format(measurement.baseline(), measurement.unit()) : "")
				.append(" | ")
				.append((measurement.ratio() != null) ? String.format(Locale.ROOT, "%.2f", measurement.ratio()) : "")
				.append(" | ")
				.append((measurement.note() != null) ? measurement.note() : "")
				.append(" |\n");
		}
		if (!this.failures.isEmpty()) {
			md.append("\n## Parts that could not run\n\n");
			this.failures.forEach((failure) -> md.append("- ").append(failure).append('\n'));
		}
		return md.toString();
	}

	static String line(Measurement measurement) {
		String line = measurement.name() + ": " + format(measurement.value(), measurement.unit());
		if (Double.isNaN(measurement.value()) && measurement.note() != null) {
			line += " (" + measurement.note() + ")";
		}
		if (measurement.baseline() != null) {
			line += " (baseline " + format(measurement.baseline(), measurement.unit())
					+ String.format(Locale.ROOT, ", ratio %.2f)", measurement.ratio());
		}
		return line;
	}

	static String format(double value, String unit) {
		if (Double.isNaN(value)) {
			return "skipped";
		}
		String number = (Math.abs(value) >= 100 || value == Math.rint(value))
				? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
		return number + " " + unit;
	}

}
