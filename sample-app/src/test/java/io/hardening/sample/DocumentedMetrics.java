package io.hardening.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series table of {@code docs/metrics.md}, read the way a person reads it: a row per
 * metric, its base name and scraped suffixes in the first cell, its tags in the third
 * (values in parentheses), its alerts in the last.
 */
final class DocumentedMetrics {

	static final Path FILE = Path.of("..", "docs", "metrics.md");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");

	private static final Pattern ALERT = Pattern.compile("Hardening[A-Za-z]+");

	private final Map<String, Set<String>> tagsBySeries;

	private final Set<String> alerts;

	private DocumentedMetrics(Map<String, Set<String>> tagsBySeries, Set<String> alerts) {
		this.tagsBySeries = tagsBySeries;
		this.alerts = alerts;
	}

	static DocumentedMetrics read() {
		Map<String, Set<String>> tagsBySeries = new LinkedHashMap<>();
		Set<String> alerts = new LinkedHashSet<>();
		for (String line : lines()) {
			if (!line.startsWith("| `hardening_") && !line.startsWith("| `resilience4j_")) {
				continue;
			}
			String[] cells = line.split("\\|");
			// cells[0] is empty: the row starts with a pipe
			List<String> names = codes(cells[1]);
			Set<String> tags = new LinkedHashSet<>(codes(PARENTHESES.matcher(cells[3]).replaceAll("")));
			String base = names.get(0);
			List<String> suffixes = names.subList(1, names.size());
			if (suffixes.isEmpty()) {
				tagsBySeries.put(base, tags);
			}
			for (String suffix : suffixes) {
				tagsBySeries.put(base + suffix, tags);
			}
			Matcher alert = ALERT.matcher(cells[5]);
			while (alert.find()) {
				alerts.add(alert.group());
			}
		}
		return new DocumentedMetrics(Collections.unmodifiableMap(tagsBySeries), Collections.unmodifiableSet(alerts));
	}

	/**
	 * Every series name as scraped ({@code _count}, {@code _sum} and the like included).
	 * @return the names
	 */
	Set<String> series() {
		return this.tagsBySeries.keySet();
	}

	/**
	 * The tag names of a series.
	 * @param series the series name as scraped
	 * @return its documented tags
	 */
	Set<String> tagsOf(String series) {
		return this.tagsBySeries.get(series);
	}

	/**
	 * The alert names that the table says use these series.
	 * @return the alert names
	 */
	Set<String> alerts() {
		return this.alerts;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	private static List<String> lines() {
		try {
			return Files.readAllLines(FILE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
