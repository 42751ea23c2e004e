import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Screenshots the sample page once its stream has finished, with headless Chromium and
 * nothing but the JDK: {@code chromium --screenshot} shoots when the page has loaded, which
 * is while the models are still streaming, whatever {@code --virtual-time-budget} says.
 * This opens the page over the DevTools protocol, waits until the outcome is no longer
 * {@code running} (complete, partial or error), then captures it.
 *
 * <pre>
 * java sample-app/tools/PageScreenshot.java 'http://localhost:8080/?query=Why+is+the+sky+blue%3F' page.png
 * </pre>
 *
 * The URL must start a query ({@code ?query=}). CHROMIUM names the browser
 * (default /usr/bin/chromium); WINDOW_SIZE its size (default 1280,900).
 */
public class PageScreenshot {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String FINISHED = "(() => { const o = document.getElementById('outcome');"
			+ " const s = o ? o.getAttribute('data-state') : null;"
			+ " return (s && s !== 'running') ? s + ': ' + o.textContent : ''; })()";

	private final Map<Integer, CompletableFuture<String>> replies = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private WebSocket socket;

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: java PageScreenshot.java URL FILE.png");
			System.exit(2);
		}
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		String size = System.getenv().getOrDefault("WINDOW_SIZE", "1280,900");
		Path profile = Files.createTempDirectory("page-screenshot");
		Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--no-first-run", "--hide-scrollbars",
				"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
				"--window-size=" + size, "about:blank")
			.redirectErrorStream(true)
			.redirectOutput(profile.resolve("chromium.log").toFile())
			.start();
		try {
			new PageScreenshot().shoot(profile, args[0], Path.of(args[1]));
		}
		finally {
			browser.destroy();
			browser.waitFor(10, TimeUnit.SECONDS);
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private void shoot(Path profile, String url, Path file) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		Path activePort = profile.resolve("DevToolsActivePort");
		while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
			waitUntil(deadline, "Chromium's DevTools port (is " + profile + "/chromium.log empty?)");
		}
		String port = Files.readAllLines(activePort).get(0).strip();
		HttpClient http = HttpClient.newHttpClient();
		String targets = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher page = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"").matcher(targets);
		if (!page.find()) {
			throw new IllegalStateException("no page target in " + targets);
		}
		this.socket = http.newWebSocketBuilder().buildAsync(URI.create(page.group(1)), new Replies()).join();
		call("Page.navigate", "{\"url\":" + json(url) + "}");
		String outcome;
		while ((outcome = value(call("Runtime.evaluate",
				"{\"expression\":" + json(FINISHED) + ",\"returnByValue\":true}"))).isEmpty()) {
			waitUntil(deadline, "the page's outcome (does the URL have ?query=?)");
		}
		// Let the page paint the last event.
		Thread.sleep(300);
		String shot = call("Page.captureScreenshot", "{\"format\":\"png\"}");
		Matcher data = Pattern.compile("\"data\"\\s*:\\s*\"([^\"]+)\"").matcher(shot);
		if (!data.find()) {
			throw new IllegalStateException("no screenshot in " + shot);
		}
		Files.write(file, Base64.getDecoder().decode(data.group(1)));
		System.out.println(file + ": " + outcome);
	}

	private String call(String method, String params) throws Exception {
		int id = this.ids.incrementAndGet();
		CompletableFuture<String> reply = new CompletableFuture<>();
		this.replies.put(id, reply);
		this.socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true);
		return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private static String value(String reply) {
		Matcher value = Pattern.compile("\"value\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(reply);
		return value.find() ? value.group(1) : "";
	}

	private static void waitUntil(long deadline, String what) throws InterruptedException {
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException("gave up waiting for " + what + " after " + TIMEOUT.toSeconds() + "s");
		}
		Thread.sleep(100);
	}

	private static String json(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				default -> json.append(c);
			}
		}
		return json.append('"').toString();
	}

	private final class Replies implements WebSocket.Listener {

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.message.append(data);
			if (last) {
				String text = this.message.toString();
				this.message.setLength(0);
				Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(text);
				if (id.find()) {
					CompletableFuture<String> reply = PageScreenshot.this.replies.remove(Integer.parseInt(id.group(1)));
					if (reply != null) {
						reply.complete(text);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
