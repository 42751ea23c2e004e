package io.hardening.reasoning.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the Gemini Developer API on 127.0.0.1: answers {@code countTokens} and
 * streams {@code streamGenerateContent?alt=sse} the way Google does (one whole response
 * JSON a {@code data:} frame, chunked, no {@code [DONE]}), each model as its
 * {@link StandInBehaviour} says, or as a script of {@link StandInAnswer}s says (Google's
 * error bodies, frames with finish reasons and usage, a cut connection). It notes every
 * streaming call and whether the client closed its connection before the answer was done.
 */
final class GeminiStandIn implements AutoCloseable {

	static final String API_KEY = "test-key";

	private static final String PREFIX = "/v1beta/models/";

	private static final byte[] KEEP_ALIVE = ":\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMillis(100);

	private static final Duration LONGEST_STALL = Duration.ofSeconds(60);

	private static final StandInBehaviour DEFAULT = StandInBehaviour.normal(3, Duration.ofMillis(20));

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, StandInBehaviour> behaviours = new ConcurrentHashMap<>();

	private final List<StandInCall> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Queue<StandInAnswer>> scripts = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger peak = new AtomicInteger();

	private GeminiStandIn() throws IOException {
		// A backlog for a burst of 100 connections: 50 streams of two models each.
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		// One thread per open call, as many as there are streams.
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "gemini-stand-in");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a stand-in on a free port.
	 * @return the running stand-in
	 */
	static GeminiStandIn start() {
		try {
			return new GeminiStandIn();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Gemini stand-in could not start", ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Sets how a model answers from the next call on.
	 */
	void behave(String model, StandInBehaviour behaviour) {
		this.behaviours.put(model, behaviour);
	}

	/**
	 * Answers the next streaming calls of a model with these, in order; later calls as
	 * its behaviour says.
	 */
	void script(String model, StandInAnswer... answers) {
		this.scripts.computeIfAbsent(model, (key) -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
	}

	/**
	 * Every model back to a short normal answer, the calls noted so far forgotten.
	 */
	void reset() {
		this.behaviours.clear();
		this.scripts.clear();
		this.calls.clear();
		this.peak.set(this.open.get());
	}

	/**
	 * The streaming calls to a model since the last reset, oldest first.
	 */
	List<StandInCall> calls(String model) {
		return this.calls.stream().filter((call) -> call.model().equals(model)).toList();
	}

	/**
	 * Most streaming calls open at the same time since the last reset.
	 */
	int peakOpenCalls() {
		return this.peak.get();
	}

	/**
	 * The text of one frame of a model's normal answer.
	 */
	static String piece(String model, int index) {
		return model + " piece " + index + ". ";
	}

	/**
	 * The whole text of a model's normal answer of {@code frames} frames.
	 */
	static String answer(String model, int frames) {
		return IntStream.range(0, frames).mapToObj((index) -> piece(model, index)).collect(Collectors.joining());
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String path = exchange.getRequestURI().getPath();
		int colon = path.lastIndexOf(':');
		if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || colon < PREFIX.length()) {
			error(exchange, 404, "NOT_FOUND", "No such method: " + path);
			return;
		}
		if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
			error(exchange, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
			return;
		}
		String model = path.substring(PREFIX.length(), colon);
		String method = path.substring(colon + 1);
		if ("countTokens".equals(method)) {
			json(exchange, 200, "{\"totalTokens\": 3}");
		}
		else if ("streamGenerateContent".equals(method) && "alt=sse".equals(exchange.getRequestURI().getQuery())) {
			stream(exchange, new StandInCall(model, body));
		}
		else {
			error(exchange, 404, "NOT_FOUND", "Method " + method + " is not served by the stand-in");
		}
	}

	private void stream(HttpExchange exchange, StandInCall call) throws IOException {
		this.calls.add(call);
		this.peak.accumulateAndGet(this.open.incrementAndGet(), Math::max);
		StandInBehaviour behaviour = this.behaviours.getOrDefault(call.model(), DEFAULT);
		Queue<StandInAnswer> script = this.scripts.get(call.model());
		StandInAnswer scripted = (script != null) ? script.poll() : null;
		try {
			if (scripted != null) {
				answer(exchange, call, scripted);
				return;
			}
			if (behaviour.status() != 200) {
				error(exchange, behaviour.status(), (behaviour.status() == 429) ? "RESOURCE_EXHAUSTED" : "INTERNAL",
						"The stand-in fails with " + behaviour.status());
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			pause(behaviour.firstFrameDelay());
			for (int index = 0; index < behaviour.frames(); index++) {
				if (index > 0) {
					pause(behaviour.interval());
				}
				write(out, frame(call.model(), index, index == behaviour.frames() - 1));
				if (behaviour.kind() == StandInBehaviour.Kind.STALL) {
					holdOpen(out);
				}
				if (behaviour.kind() == StandInBehaviour.Kind.CLOSE) {
					// The JDK server closes the socket when a handler throws: no
					// terminating chunk reaches the client.
					throw new ClosedMidStream();
				}
			}
			out.close();
			call.finish();
		}
		catch (ClosedMidStream ex) {
			throw ex;
		}
		catch (IOException ex) {
			call.clientClosed();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	private void answer(HttpExchange exchange, StandInCall call, StandInAnswer answer)
			throws IOException, InterruptedException {
		if (answer.status() != 200) {
			if (answer.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
			}
			json(exchange, answer.status(), answer.body());
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		for (int index = 0; index < answer.frames().size(); index++) {
			if (index > 0) {
				pause(answer.interval());
			}
			// A frame of several lines is sent as SSE does: one data: field a line.
			write(out, answer.frames().get(index).strip().replace("\n", "\ndata: "));
		}
		if (answer.cutAfterFrames()) {
			throw new ClosedMidStream();
		}
		out.close();
		call.finish();
	}

	// An SSE comment every 100 ms: the write that fails tells that the client left.
	private void holdOpen(OutputStream out) throws IOException, InterruptedException {
		long until = System.nanoTime() + LONGEST_STALL.toNanos();
		while (System.nanoTime() < until) {
			pause(KEEP_ALIVE_INTERVAL);
			out.write(KEEP_ALIVE);
			out.flush();
		}
	}

	// Paces the stand-in's frames on its own server thread, as a slow model would send
	// them; no test waits on it (tests wait with virtual time or Awaitility).
	private static void pause(Duration duration) throws InterruptedException {
		if (!duration.isZero()) {
			Thread.sleep(duration.toMillis());
		}
	}

	private static void write(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String frame(String model, int index, boolean last) {
		Map<String, Object> candidate = new LinkedHashMap<>();
		candidate.put("content", Map.of("role", "model", "parts", List.of(Map.of("text", piece(model, index)))));
		if (last) {
			candidate.put("finishReason", "STOP");
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("candidates", List.of(candidate));
		if (last) {
			response.put("usageMetadata", Map.of("promptTokenCount", 3, "candidatesTokenCount", 4 * (index + 1)));
		}
		response.put("modelVersion", model);
		return JsonMapper.shared().writeValueAsString(response);
	}

	private static void error(HttpExchange exchange, int status, String googleStatus, String message)
			throws IOException {
		json(exchange, status, JsonMapper.shared()
			.writeValueAsString(Map.of("error", Map.of("code", status, "message", message, "status", googleStatus))));
	}

	private static void json(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class ClosedMidStream extends IOException {

		ClosedMidStream() {
			super("The stand-in closes the connection mid-stream");
		}

	}

}
