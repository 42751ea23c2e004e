package io.hardening.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hardening.bench.JavaApp;

/**
 * Java's AOT cache made the way {@code .ci/aot-cache-check} and {@code docs/deploy}'s
 * Dockerfile make it: extract the executable jar, then a training run with
 * {@code -XX:AOTCacheOutput} that asks the probes ({@code /live}, {@code /ready},
 * {@code /health}), reads one stream to its {@code complete} event and is stopped with
 * SIGTERM, so that the JVM writes the cache at exit with the classes serving loads, not
 * only those of the start.
 */
final class AotCache {

	private static final Duration LIMIT = Duration.ofSeconds(120);

	/**
	 * Writing the cache at exit runs a second JVM: on a busy machine it takes a while.
	 */
	private static final Duration WRITE_LIMIT = Duration.ofMinutes(5);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private AotCache() {
	}

	/**
	 * Extracts an executable jar ({@code java -Djarmode=tools -jar app.jar extract}): the
	 * cache needs a plain class path of jars, not Boot's nested jars.
	 * @param javaHome the JDK that extracts (and later runs) it
	 * @param jar the executable jar
	 * @param destination an empty or missing folder
	 * @return the extracted application jar, beside its {@code lib} folder
	 * @throws IOException when the extraction fails
	 */
	static Path extract(Path javaHome, Path jar, Path destination) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-Djarmode=tools", "-jar",
				jar.toString(), "extract", "--destination", destination.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("extracting " + jar + " failed: " + output);
		}
		Path extracted = destination.resolve(jar.getFileName());
		if (!Files.isRegularFile(extracted) || !Files.isDirectory(destination.resolve("lib"))) {
			throw new IOException("extracting " + jar + " made no " + extracted + " beside a lib folder: " + output);
		}
		return extracted;
	}

	/**
	 * A training run: starts the application with {@code -XX:AOTCacheOutput}, serves the
	 * probes and one stream, stops it with SIGTERM and checks that the cache was written.
	 * @param launch how the timed runs start it (without the cache)
	 * @param cache the cache file to write
	 * @param springAot whether its log must say it started AOT-processed
	 * @param log where its output goes
	 * @return how long the training took, the writing of the cache included
	 * @throws IllegalStateException when a request fails or no cache was written
	 */
	static Duration train(Launch launch, Path cache, boolean springAot, Path log) throws Exception {
		Files.deleteIfExists(cache);
		long started = System.nanoTime();
		try (JavaApp app = launch.withJvmOptions("-XX:AOTCacheOutput=" + cache).start(log)) {
			app.awaitOk("/ready", LIMIT);
			for (String path : List.of("/live", "/ready", "/health", "/live", "/ready")) {
				get(app, path);
			}
			streamToComplete(app);
			app.stop(WRITE_LIMIT);
		}
		if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
			throw new IllegalStateException("the training run wrote no AOT cache at " + cache + " (see " + log + ")");
		}
		if (springAot && !Files.readString(log).contains("Starting AOT-processed")) {
			throw new IllegalStateException("the training run did not start AOT-processed (see " + log + ")");
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static void get(JavaApp app, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(LIMIT).build();
		int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			throw new IllegalStateException("training: GET " + path + " answered " + status);
		}
	}

	/**
	 * {@code POST /api/reasoning/query}, read to its {@code complete} event: the sample
	 * app's stream and the baseline's {@code PlainSseStream} both end with it.
	 */
	private static void streamToComplete(JavaApp app) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/reasoning/query")))
			.timeout(LIMIT)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"Why is the sky blue?\"}"))
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		List<String> events = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			if (response.statusCode() != 200) {
				throw new IllegalStateException("training: the stream answered " + response.statusCode());
			}
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("event:")) {
					events.add(line.substring("event:".length()).trim());
					if (events.get(events.size() - 1).equals("complete")) {
						return;
					}
				}
			}
		}
		throw new IllegalStateException("training: the stream ended without a complete event: " + events);
	}

}
