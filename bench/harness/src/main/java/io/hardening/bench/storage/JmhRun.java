package io.hardening.bench.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.hardening.bench.BenchContext;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of one JMH class, each in one forked JVM that inherits the
 * harness's {@code java.class.path}, with its output in a log file.
 */
final class JmhRun {

	private JmhRun() {
	}

	/**
	 * Runs a benchmark class: 2 warm-up iterations of 2 s and 3 measured ones of 3 s, or
	 * one of 1 s each for a quick run.
	 * @param benchmark the class
	 * @param context the run's scale and log folder
	 * @param jvmArguments more arguments of the forked JVM
	 * @return the results by {@code method/mode}, e.g. {@code starter/thrpt}
	 * @throws RunnerException when a benchmark fails
	 */
	static Map<String, RunResult> run(Class<?> benchmark, BenchContext context, String... jvmArguments)
			throws RunnerException {
		boolean quick = context.quick();
		Options options = new OptionsBuilder().include("^" + Pattern.quote(benchmark.getName()) + "\\.")
			.forks(1)
			.jvmArgsAppend(jvmArguments)
			.threads(1)
			.warmupIterations(quick ? 1 : 2)
			.warmupTime(TimeValue.seconds(quick ? 1 : 2))
			.measurementIterations(quick ? 1 : 3)
			.measurementTime(TimeValue.seconds(quick ? 1 : 3))
			.shouldFailOnError(true)
			.output(context.logFile("storage-" + benchmark.getSimpleName()).toString())
			.build();
		Map<String, RunResult> results = new LinkedHashMap<>();
		for (RunResult result : new Runner(options).run()) {
			BenchmarkParams params = result.getParams();
			String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
			results.put(method + "/" + params.getMode().shortLabel(), result);
		}
		return results;
	}

}
