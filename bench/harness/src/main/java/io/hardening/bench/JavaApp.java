package io.hardening.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot application started from its executable jar in a JVM of its own, on a
 * port of 127.0.0.1, with its output in a log file. Every application of a comparison
 * gets the same JVM options. The JVM is the harness's own unless a JDK is named; the
 * {@code jcmd} used on the process is that JDK's.
 */
public final class JavaApp implements AutoCloseable {

	// the heap line comes first: "garbage-first heap total 262144K, used 24576K" (17),
	// "garbage-first heap total reserved 6172672K, committed 393216K, used 10917K" (25)
	private static final Pattern HEAP_USED = Pattern.compile("\\bused (\\d+)K");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final Path javaHome;

	private final int port;

	private final long startedNanos;

	private JavaApp(Process process, Path javaHome, int port, long startedNanos) {
		this.process = process;
		this.javaHome = javaHome;
		this.port = port;
		this.startedNanos = startedNanos;
	}

	/**
	 * The JDK the harness runs on: the default one ({@code java} on the {@code PATH}).
	 * @return its home folder
	 */
	public static Path harnessJavaHome() {
		return Path.of(System.getProperty("java.home"));
	}

	/**
	 * Starts a jar.
	 * @param jar the executable jar
	 * @param port the port it listens on (passed as {@code --server.port})
	 * @param jvmOptions options for the JVM, e.g. the heap size; those in the environment
	 * variable {@code BENCH_JVM_OPTIONS} (a profiler, say) are added to every application
	 * @param environment variables to add to the environment
	 * @param arguments application arguments
	 * @param log where its output goes
	 * @return the running application
	 * @throws IOException when it cannot be started
	 */
	public static JavaApp start(Path jar, int port, List<String> jvmOptions, Map<String, String> environment,
			List<String> arguments, Path log) throws IOException {
		return start(harnessJavaHome(), jar, port, jvmOptions, environment, arguments, log);
	}

	/**
	 * Starts a jar on a given JDK.
	 * @param javaHome the JDK's home folder
	 * @param jar the executable jar
	 * @param port the port it listens on
	 * @param jvmOptions options for the JVM (with those of {@code BENCH_JVM_OPTIONS})
	 * @param environment variables to add to the environment
	 * @param arguments application arguments
	 * @param log where its output goes
	 * @return the running application
	 * @throws IOException when it cannot be started
	 */
	public static JavaApp start(Path javaHome, Path jar, int port, List<String> jvmOptions,
			Map<String, String> environment, List<String> arguments, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmOptions);
		String extra = System.getenv("BENCH_JVM_OPTIONS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(log.getParent().toFile());
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		return new JavaApp(builder.start(), javaHome, port, started);
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/**
	 * Polls a path every 10 ms until it answers 200.
	 * @param path the path
	 * @param limit how long to wait at most
	 * @return the time from process start to the first 200
	 * @throws IllegalStateException when it did not answer 200 within the limit or the
	 * process died
	 */
	public Duration awaitOk(String path, Duration limit) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("process ended with " + this.process.exitValue() + " before " + path);
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - this.startedNanos);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(path + " did not answer 200 within " + limit);
	}

	/**
	 * The resident set size of the process, from {@code /proc}.
	 * @return the RSS in bytes
	 */
	public long rssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		throw new IOException("no VmRSS for " + pid());
	}

	/**
	 * The heap in use after a full collection, through {@code jcmd}.
	 * @return the used heap in bytes
	 */
	public long heapUsedAfterGcBytes() throws IOException, InterruptedException {
		jcmd("GC.run");
		return heapUsedBytes(jcmd("GC.heap_info"));
	}

	/**
	 * The heap in use, from the output of {@code jcmd GC.heap_info} of Java 17 to 25.
	 * @param heapInfo the output
	 * @return the used heap in bytes
	 * @throws IOException when the output holds no heap figure
	 */
	static long heapUsedBytes(String heapInfo) throws IOException {
		Matcher matcher = HEAP_USED.matcher(heapInfo);
		if (!matcher.find()) {
			throw new IOException("no heap figure from jcmd GC.heap_info: " + heapInfo);
		}
		return Long.parseLong(matcher.group(1)) * 1024;
	}

	public String jcmd(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		line.add(this.javaHome.resolve("bin").resolve("jcmd").toString());
		line.add(String.valueOf(pid()));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	/**
	 * Stops the process with SIGTERM, so that its shutdown runs (and a JVM with
	 * {@code -XX:AOTCacheOutput} writes its cache), and waits for it to end.
	 * @param limit how long to wait before killing it
	 * @return its exit value
	 * @throws IllegalStateException when it had to be killed
	 */
	public int stop(Duration limit) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
			throw new IllegalStateException("did not stop within " + limit + " of SIGTERM; killed");
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
