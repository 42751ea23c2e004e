package io.hardening.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's package {@code wrk}) and reads its throughput and latency
 * percentiles.
 */
public final class Wrk {

	private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	/**
	 * One wrk run's figures.
	 *
	 * @param requestsPerSecond throughput
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param failures non-2xx answers and socket errors
	 */
	public record Run(double requestsPerSecond, double p50Millis, double p99Millis, long failures) {
	}

	private Wrk() {
	}

	/**
	 * Loads a URL.
	 * @param url the URL
	 * @param threads wrk threads
	 * @param connections open connections
	 * @param seconds how long
	 * @return the figures
	 */
	public static Run run(String url, int threads, int connections, int seconds)
			throws IOException, InterruptedException {
		return run(url, threads, connections, seconds, List.of());
	}

	/**
	 * Loads a URL with more of wrk's options.
	 * @param url the URL
	 * @param threads wrk threads
	 * @param connections open connections
	 * @param seconds how long
	 * @param options more options, such as {@code --timeout 10s} or {@code -s script.lua}
	 * @return the figures
	 */
	public static Run run(String url, int threads, int connections, int seconds, List<String> options)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
		command.addAll(options);
		command.add(url);
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(wrk.getInputStream().readAllBytes());
		if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
			throw new IOException("wrk failed on " + url + ":\n" + output);
		}
		Matcher requests = REQUESTS.matcher(output);
		if (!requests.find()) {
			throw new IOException("no Requests/sec in wrk's output:\n" + output);
		}
		long failures = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			failures += Long.parseLong(non2xx.group(1));
		}
		Matcher errors = ERRORS.matcher(output);
		if (errors.find()) {
			for (int group = 1; group <= 4; group++) {
				failures += Long.parseLong(errors.group(group));
			}
		}
		return new Run(Double.parseDouble(requests.group(1)), percentile(output, "50%"), percentile(output, "99%"),
				failures);
	}

	private static double percentile(String output, String label) throws IOException {
		Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
		if (!matcher.find()) {
			throw new IOException("no " + label + " latency in wrk's output:\n" + output);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
