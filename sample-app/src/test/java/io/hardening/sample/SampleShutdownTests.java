package io.hardening.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the sample app with a stream open, in a process of its own: readiness turns
 * 503 while the app still serves, the open stream ends with {@code shutting_down}, its
 * run record is saved, and the process exits well before the shutdown grace period. Under
 * the {@code spring-aot} profile the app starts with Spring AOT, from what
 * {@code process-aot} generated.
 */
class SampleShutdownTests {

	private static final Duration GRACE = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path directory;

	private Process app;

	@AfterEach
	void stopApp() {
		if (this.app != null) {
			this.app.destroyForcibly();
		}
	}

	@Test
	void sigtermEndsOpenStreamsAndExitsBeforeTheGracePeriod() throws Exception {
		int port = freePort();
		Path storage = this.directory.resolve("storage");
		Path log = this.directory.resolve("app.log");
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(SpringAotMode.jvmOptions());
		// Only values that leave the starter's switches as the build froze them under
		// Spring AOT (FrozenSwitches): the sample's default provider, and storage in auto
		// mode, which falls back to the filesystem without a bucket.
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--hardening.reasoning.provider=simulated",
				"--hardening.reasoning.simulated.pro-latency=60s", "--hardening.reasoning.timeout=90s",
				"--hardening.reasoning.pro.timeout=90s", "--hardening.shutdown.drain-delay=1s",
				"--spring.lifecycle.timeout-per-shutdown-phase=" + GRACE.toSeconds() + "s",
				"--hardening.storage.filesystem.path=" + storage));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// No bucket, key or provider of the machine running the tests may change the
		// start.
		builder.environment().keySet().removeIf((name) -> name.startsWith("HARDENING_") || name.startsWith("GOOGLE_"));
		builder.environment().put("NO_GCE_CHECK", "true");
		this.app = builder.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/ready") == 200);
		assertThat(Files.readAllLines(log).stream().anyMatch((line) -> line.contains(SpringAotMode.AOT_STARTING)))
			.as("started from the code process-aot generated")
			.isEqualTo(SpringAotMode.enabled());
		List<String> lines = new CopyOnWriteArrayList<>();
		this.http
			.sendAsync(HttpRequest.newBuilder(uri(port, "/api/reasoning/query?query=bye")).build(),
					HttpResponse.BodyHandlers.ofLines())
			.thenAccept((response) -> response.body().forEach(lines::add));
		await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:start"));

		long sigterm = System.nanoTime();
		this.app.destroy();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
			int ready = status(port, "/ready");
			assertThat(ready).as("/ready answered before the listener closed").isNotEqualTo(-1);
			return ready == 503;
		});
		assertThat(this.app.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Duration exit = Duration.ofNanos(System.nanoTime() - sigterm);

		assertThat(exit).isLessThan(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> lines.stream().anyMatch((line) -> line.contains("\"code\":\"shutting_down\"")));
		assertThat(lines.stream().filter((line) -> line.startsWith("event:")).reduce((a, b) -> b))
			.contains("event:error");
		try (Stream<Path> records = Files.list(storage)) {
			assertThat(records.map((path) -> path.getFileName().toString()))
				.anyMatch((name) -> name.startsWith("run-"));
		}
	}

	private int status(int port, String path) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
