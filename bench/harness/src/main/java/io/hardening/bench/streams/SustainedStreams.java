package io.hardening.bench.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.hardening.bench.JavaApp;
import io.hardening.bench.Measurement;
import io.hardening.bench.Stats;
import io.hardening.bench.Wrk;

/**
 * A steady number of streams open at once, each replaced by a new one as it ends
 * ({@code wrk -c}), on the starter and on the plain stream in alternating rounds:
 * completed streams a second, p50 and p99 end to end, and the server's CPU time per
 * completed stream. Unlike a burst, which opens every connection in the same instant,
 * this is the "1,000 concurrent streams" of a service under steady load.
 */
final class SustainedStreams {

	private static final String PART = StreamsPart.PART;

	private SustainedStreams() {
	}

	static List<Measurement> measure(JavaApp starter, JavaApp plain, int connections, int rounds, int seconds,
			Path work) throws IOException, InterruptedException {
		Path script = work.resolve("post-query.lua");
		Files.writeString(script, """
				wrk.method = "POST"
				wrk.body = '{"query":"sustained query"}'
				wrk.headers["Content-Type"] = "application/json"
				wrk.headers["Accept"] = "text/event-stream"
				""");
		List<String> options = List.of("--timeout", "30s", "-s", script.toString());
		List<Round> starterRounds = new ArrayList<>();
		List<Round> plainRounds = new ArrayList<>();
		round(starter, connections, seconds / 2, options);
		round(plain, connections, seconds / 2, options);
		for (int i = 0; i < rounds; i++) {
			if (i % 2 == 0) {
				plainRounds.add(round(plain, connections, seconds, options));
				starterRounds.add(round(starter, connections, seconds, options));
			}
			else {
				starterRounds.add(round(starter, connections, seconds, options));
				plainRounds.add(round(plain, connections, seconds, options));
			}
		}
		String note = "wrk -t1 -c" + connections + ", a new stream as each ends, median of " + rounds + " alternating "
				+ seconds + " s rounds after a " + (seconds / 2) + " s warm-up; failures: starter "
				+ failures(starterRounds) + ", plain " + failures(plainRounds);
		String prefix = connections + " streams at once, sustained: ";
		return List.of(
				Measurement.compared(PART, prefix + "completed a second",
						median(starterRounds, (round) -> round.run().requestsPerSecond()),
						median(plainRounds, (round) -> round.run().requestsPerSecond()), "streams/s", true, note),
				Measurement.compared(PART, prefix + "p50 end to end",
						median(starterRounds, (round) -> round.run().p50Millis()),
						median(plainRounds, (round) -> round.run().p50Millis()), "ms", false, note),
				Measurement.compared(PART, prefix + "p99 end to end",
						median(starterRounds, (round) -> round.run().p99Millis()),
						median(plainRounds, (round) -> round.run().p99Millis()), "ms", false, note),
				Measurement.compared(PART, prefix + "server CPU per stream",
						median(starterRounds, Round::cpuMillisPerStream),
						median(plainRounds, Round::cpuMillisPerStream), "ms", false, note));
	}

	private static Round round(JavaApp app, int connections, int seconds, List<String> options)
			throws IOException, InterruptedException {
		Duration before = cpu(app);
		Wrk.Run run = Wrk.run(app.url("/api/reasoning/query"), 1, connections, seconds, options);
		Duration used = cpu(app).minus(before);
		double streams = run.requestsPerSecond() * seconds;
		return new Round(run, used.toNanos() / 1e6 / Math.max(streams, 1));
	}

	private static Duration cpu(JavaApp app) throws IOException {
		return ProcessHandle.of(app.pid())
			.flatMap((process) -> process.info().totalCpuDuration())
			.orElseThrow(() -> new IOException("no CPU time for process " + app.pid()));
	}

	private static long failures(List<Round> rounds) {
		return rounds.stream().mapToLong((round) -> round.run().failures()).sum();
	}

	private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
		return Stats.median(rounds.stream().map(figure::applyAsDouble).toList());
	}

	private record Round(Wrk.Run run, double cpuMillisPerStream) {
	}

}
