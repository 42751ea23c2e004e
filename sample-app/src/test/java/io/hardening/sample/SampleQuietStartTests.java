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
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21: a default start of the sample app, in a process of its own as a user starts
 * it, logs no WARN or ERROR but the one line that says storage fell back to the
 * filesystem. Only the port and the listening address are set; the working directory is a
 * fresh one, so {@code ./local_storage} is empty. Under the {@code spring-aot} profile
 * the app starts with Spring AOT, from what {@code process-aot} generated.
 */
class SampleQuietStartTests {

	// Boot's console pattern: time, level, pid, "---".
	private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+\\d+ --- .*");

	private static final String STORAGE_FALLBACK = "Storage falls back to the filesystem at ";

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
	void defaultStartLogsOnlyTheStorageFallbackWarning() throws Exception {
		int port = freePort();
		Path log = this.directory.resolve("app.log");
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(SpringAotMode.jvmOptions());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// As on a developer's machine with nothing set: no variable of the machine
		// running
		// the tests may change the start.
		builder.environment().keySet().removeIf((name) -> name.startsWith("HARDENING_") || name.startsWith("GOOGLE_"));
		builder.environment().put("NO_GCE_CHECK", "true");
		this.app = builder.start();
		// Started, and the model client's background init done.
		await().atMost(Duration.ofSeconds(90)).until(() -> status(port, "/ready") == 200);
		List<String> lines = Files.readAllLines(log);

		assertThat(lines).anyMatch((line) -> line.contains("Started SampleApplication"));
		assertThat(lines.stream().anyMatch((line) -> line.contains(SpringAotMode.AOT_STARTING)))
			.as("started from the code process-aot generated")
			.isEqualTo(SpringAotMode.enabled());
		assertThat(lines.stream().filter((line) -> WARN_OR_ERROR.matcher(line).matches())).singleElement()
			.asString()
			.contains(STORAGE_FALLBACK + this.directory.toRealPath().resolve("local_storage"))
			.contains("hardening.storage.gcs.bucket is not set");
	}

	private int status(int port, String path) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
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

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
