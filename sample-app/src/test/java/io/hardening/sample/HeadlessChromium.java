package io.hardening.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools protocol with nothing but
 * the JDK's HTTP client: opens one page and evaluates JavaScript in it.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	// Without the background-networking flags Chromium keeps calling Google's hosts,
	// which this machine's closed network refuses.
	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final Process process;

	private final WebSocket socket;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

	private HeadlessChromium(Process process, WebSocket.Builder socket, URI page) {
		this.process = process;
		this.socket = socket.buildAsync(page, new Replies()).join();
	}

	static boolean isInstalled() {
		return Files.isExecutable(EXECUTABLE);
	}

	/**
	 * Starts Chromium on a page.
	 * @param url the page to open
	 * @param profile an empty folder for Chromium's profile, its DevTools port and its
	 * log
	 * @return the browser, connected to the page
	 * @throws IOException when Chromium cannot be started
	 */
	static HeadlessChromium open(String url, Path profile) throws IOException {
		Path userData = Files.createDirectories(profile.resolve("user-data"));
		List<String> command = new ArrayList<>();
		command.add(EXECUTABLE.toString());
		command.addAll(FLAGS);
		command.add("--user-data-dir=" + userData);
		command.add(url);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(profile.resolve("chromium.log").toFile());
		// Chromium keeps its singleton socket under TMPDIR: inside the profile, it goes
		// with it.
		builder.environment().put("TMPDIR", Files.createDirectories(profile.resolve("tmp")).toString());
		Process process = builder.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			Path activePort = userData.resolve("DevToolsActivePort");
			String port = await("Chromium's DevTools port (see " + profile.resolve("chromium.log") + ")")
				.atMost(STARTUP)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> portOf(activePort), (found) -> found != null || !process.isAlive());
			if (port == null) {
				throw new IOException("Chromium exited with " + process.exitValue() + ", see " + profile);
			}
			URI page = await("the page's DevTools target").atMost(STARTUP)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> pageTarget(http, port), (found) -> found != null);
			return new HeadlessChromium(process, http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT), page);
		}
		catch (RuntimeException | IOException ex) {
			stop(process);
			throw ex;
		}
	}

	private static String portOf(Path activePort) throws IOException {
		if (!Files.exists(activePort)) {
			return null;
		}
		List<String> lines = Files.readAllLines(activePort);
		return (lines.size() >= 2) ? lines.get(0).strip() : null;
	}

	private static URI pageTarget(HttpClient http, String port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
			.timeout(CALL_TIMEOUT)
			.build();
		JsonNode targets = mapper.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
		for (JsonNode target : targets) {
			if ("page".equals(target.path("type").asString()) && target.hasNonNull("webSocketDebuggerUrl")) {
				return URI.create(target.get("webSocketDebuggerUrl").asString());
			}
		}
		return null;
	}

	/**
	 * Evaluates an expression in the page.
	 * @param expression JavaScript whose value can be serialized as JSON
	 * @return the value
	 */
	JsonNode evaluate(String expression) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.calls.put(id, reply);
		String message = mapper.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate", "params",
				Map.of("expression", expression, "returnByValue", true)));
		this.socket.sendText(message, true);
		JsonNode result = reply.orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
		if (result.has("error") || result.path("result").has("exceptionDetails")) {
			throw new IllegalStateException("Evaluating " + expression + " failed: " + result);
		}
		return result.path("result").path("result").path("value");
	}

	@Override
	public void close() {
		this.socket.abort();
		stop(this.process);
	}

	private static void stop(Process process) {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				children.forEach(ProcessHandle::destroyForcibly);
				process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Hands each reply to the call that waits for it; events without an id are ignored.
	 */
	private final class Replies implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				JsonNode message = mapper.readTree(this.text.toString());
				this.text.setLength(0);
				CompletableFuture<JsonNode> call = HeadlessChromium.this.calls.remove(message.path("id").asInt(-1));
				if (call != null) {
					call.complete(message);
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
