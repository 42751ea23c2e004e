package io.hardening.storage.gcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for the GCS JSON API, holding objects in a map. It speaks the calls
 * the Java client makes for bucket get, multipart upload (with the does-not-exist and
 * generation-match preconditions), object get, media download, list (in name order, with
 * {@code maxResults}, {@code pageToken} and {@code startOffset}) and delete, and can be
 * told to fail.
 */
public final class FakeGcsServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpServer server;

	private final String bucket;

	private final ConcurrentMap<String, StoredObject> objects = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicInteger> creations = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger downloads = new AtomicInteger();

	private final AtomicInteger deletes = new AtomicInteger();

	private volatile Duration uploadDelay = Duration.ZERO;

	private final AtomicReference<Runnable> beforeNextDelete = new AtomicReference<>();

	private volatile boolean failing;

	private volatile int uploadFailure;

	private volatile CountDownLatch listGate;

	private volatile CountDownLatch uploadGate;

	private final AtomicInteger uploadsWaiting = new AtomicInteger();

	private final AtomicInteger listRequests = new AtomicInteger();

	private volatile CyclicBarrier uploadBarrier;

	private final AtomicInteger heldUploads = new AtomicInteger();

	public FakeGcsServer(String bucket) throws IOException {
		this.bucket = bucket;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers 503 to everything while set.
	 */
	public void setFailing(boolean failing) {
		this.failing = failing;
	}

	/**
	 * Holds the next {@code parties} uploads until all of them have arrived, so that
	 * concurrent writers reach the server together.
	 */
	public void holdUploads(int parties) {
		this.heldUploads.set(parties);
		this.uploadBarrier = new CyclicBarrier(parties);
	}

	/**
	 * Answers uploads with the given status while it is not 0 (403 for a missing
	 * permission, for example); everything else answers normally.
	 */
	public void failUploadsWith(int status) {
		this.uploadFailure = status;
	}

	/**
	 * Holds every listing until {@link #releaseListings()} (or at most 10 seconds).
	 */
	public void holdListings() {
		this.listGate = new CountDownLatch(1);
	}

	/**
	 * Holds every upload until {@link #releaseUploads()} (or at most 10 seconds).
	 */
	public void gateUploads() {
		this.uploadGate = new CountDownLatch(1);
	}

	/**
	 * How many uploads wait at the gate.
	 */
	public int uploadsWaiting() {
		return this.uploadsWaiting.get();
	}

	public void releaseUploads() {
		CountDownLatch gate = this.uploadGate;
		this.uploadGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	public void releaseListings() {
		CountDownLatch gate = this.listGate;
		this.listGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	public int listRequestCount() {
		return this.listRequests.get();
	}

	/**
	 * Makes every upload take the given time to land, as a slow GCS does.
	 */
	public void delayUploads(Duration delay) {
		this.uploadDelay = delay;
	}

	/**
	 * Runs an action when the next delete request arrives, before it is applied: what
	 * another writer does between a delete's read and its delete.
	 */
	public void beforeNextDelete(Runnable action) {
		this.beforeNextDelete.set(action);
	}

	public int downloadCount() {
		return this.downloads.get();
	}

	public int deleteCount() {
		return this.deletes.get();
	}

	public int requestCount() {
		return this.requests.get();
	}

	/**
	 * How many times an object was successfully created.
	 */
	public int creations(String name) {
		AtomicInteger count = this.creations.get(name);
		return (count != null) ? count.get() : 0;
	}

	public Map<String, String> objectNames() {
		Map<String, String> names = new LinkedHashMap<>();
		this.objects.forEach((name, object) -> names.put(name, new String(object.content, StandardCharsets.UTF_8)));
		return names;
	}

	public void put(String name, String content) {
		store(name, content.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/**
	 * Puts an object as if a writer had created it at the given time, with the given
	 * custom metadata.
	 */
	public void put(String name, String content, Map<String, String> custom, Instant created) {
		StoredObject stored = new StoredObject(content.getBytes(StandardCharsets.UTF_8), custom,
				this.generation.incrementAndGet(), created);
		this.objects.put(name, stored);
	}

	public void remove(String name) {
		this.objects.remove(name);
	}

	@Override
	public void close() {
		releaseListings();
		releaseUploads();
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			byte[] body = readBody(exchange);
			if (this.failing) {
				send(exchange, 503, error(503, "Service Unavailable"));
				return;
			}
			String path = exchange.getRequestURI().getRawPath();
			String query = exchange.getRequestURI().getRawQuery();
			Map<String, String> params = params(query);
			String method = exchange.getRequestMethod();
			String bucketPath = "/storage/v1/b/" + this.bucket;
			if (method.equals("GET") && path.equals(bucketPath)) {
				send(exchange, 200, "{\"kind\":\"storage#bucket\",\"name\":\"" + this.bucket + "\",\"id\":\""
						+ this.bucket + "\"}");
			}
			else if (path.startsWith("/storage/v1/b/") && !path.startsWith(bucketPath)) {
				send(exchange, 404, error(404, "bucket not found"));
			}
			else if (method.equals("POST") && path.equals("/upload" + bucketPath + "/o")) {
				if (this.uploadFailure != 0) {
					send(exchange, this.uploadFailure, error(this.uploadFailure, "forbidden"));
					return;
				}
				upload(exchange, body, params);
			}
			else if (method.equals("GET") && path.equals(bucketPath + "/o")) {
				this.listRequests.incrementAndGet();
				CountDownLatch gate = this.listGate;
				if (gate != null) {
					try {
						gate.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				list(exchange, params);
			}
			else if ((path.startsWith(bucketPath + "/o/") || path.startsWith("/download" + bucketPath + "/o/"))) {
				String name = URLDecoder.decode(path.substring(path.indexOf("/o/") + 3), StandardCharsets.UTF_8);
				object(exchange, method, name, params);
				if (method.equals("GET") && "media".equals(params.get("alt"))) {
					this.downloads.incrementAndGet();
				}
			}
			else {
				send(exchange, 404, error(404, "no route " + method + " " + path));
			}
		}
	}

	private void upload(HttpExchange exchange, byte[] body, Map<String, String> params) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
		String text = new String(body, StandardCharsets.ISO_8859_1);
		String delimiter = "--" + boundary;
		String[] parts = text.split(java.util.regex.Pattern.quote(delimiter));
		JsonNode metadata = json.readTree(partBody(parts[1]).getBytes(StandardCharsets.ISO_8859_1));
		byte[] content = partBody(parts[2]).getBytes(StandardCharsets.ISO_8859_1);
		String name = metadata.get("name").asString();
		awaitHeldUploads();
		Duration delay = this.uploadDelay;
		if (!delay.isZero()) {
			try {
				// The upload lands late: the writer may long have given up on it.
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		CountDownLatch gate = this.uploadGate;
		if (gate != null) {
			this.uploadsWaiting.incrementAndGet();
			try {
				gate.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.uploadsWaiting.decrementAndGet();
			}
		}
		Map<String, String> custom = new LinkedHashMap<>();
		if (metadata.has("metadata")) {
			metadata.get("metadata").properties().forEach((e) -> custom.put(e.getKey(), e.getValue().asString()));
		}
		synchronized (this.objects) {
			String generationMatch = params.get("ifGenerationMatch");
			StoredObject existing = this.objects.get(name);
			boolean met = (generationMatch == null) || ("0".equals(generationMatch) ? existing == null
					: existing != null && generationMatch.equals(String.valueOf(existing.generation)));
			if (!met) {
				send(exchange, 412, error(412, "conditionNotMet"));
				return;
			}
			StoredObject stored = store(name, content, custom);
			send(exchange, 200, resource(name, stored));
		}
	}

	private void awaitHeldUploads() {
		CyclicBarrier barrier = this.uploadBarrier;
		if (barrier != null && this.heldUploads.getAndDecrement() > 0) {
			try {
				barrier.await(1, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Released anyway: the test checks the outcome, not the timing.
			}
		}
	}

	private StoredObject store(String name, byte[] content, Map<String, String> custom) {
		StoredObject stored = new StoredObject(content, custom, this.generation.incrementAndGet(), Instant.now());
		this.objects.put(name, stored);
		this.creations.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
		return stored;
	}

	private static String partBody(String part) {
		int start = part.indexOf("\r\n\r\n") + 4;
		String rest = part.substring(start);
		return rest.endsWith("\r\n") ? rest.substring(0, rest.length() - 2) : rest;
	}

	private void list(HttpExchange exchange, Map<String, String> params) throws IOException {
		String prefix = params.getOrDefault("prefix", "");
		String matchGlob = params.get("matchGlob");
		java.util.regex.Pattern glob = (matchGlob != null) ? globPattern(matchGlob) : null;
		// Like GCS: names in lexicographic order, at most maxResults (1000) a page; the
		// page token is the last name returned.
		int maxResults = Math.min(1000, Integer.parseInt(params.getOrDefault("maxResults", "1000")));
		String after = params.get("pageToken");
		String startOffset = params.get("startOffset");
		ObjectNode result = json.createObjectNode();
		result.put("kind", "storage#objects");
		var items = result.putArray("items");
		String last = null;
		boolean more = false;
		for (String name : new java.util.TreeSet<>(this.objects.keySet())) {
			StoredObject object = this.objects.get(name);
			if (object == null || !name.startsWith(prefix) || (glob != null && !glob.matcher(name).matches())
					|| (after != null && name.compareTo(after) <= 0)
					|| (startOffset != null && name.compareTo(startOffset) < 0)) {
				continue;
			}
			if (items.size() == maxResults) {
				more = true;
				break;
			}
			items.add(json.readTree(resource(name, object)));
			last = name;
		}
		if (more) {
			result.put("nextPageToken", last);
		}
		send(exchange, 200, json.writeValueAsString(result));
	}

	private static java.util.regex.Pattern globPattern(String glob) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
				regex.append(".*");
				i++;
			}
			else if (c == '*') {
				regex.append("[^/]*");
			}
			else {
				regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
			}
		}
		return java.util.regex.Pattern.compile(regex.toString());
	}

	private void object(HttpExchange exchange, String method, String name, Map<String, String> params)
			throws IOException {
		boolean media = "media".equals(params.get("alt"));
		StoredObject object = this.objects.get(name);
		if (method.equals("DELETE")) {
			delete(exchange, name, params);
			return;
		}
		if (object == null) {
			send(exchange, 404, error(404, "No such object: " + this.bucket + "/" + name));
			return;
		}
		if (media) {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, object.content.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(object.content);
			}
			return;
		}
		send(exchange, 200, resource(name, object));
	}

	private void delete(HttpExchange exchange, String name, Map<String, String> params) throws IOException {
		this.deletes.incrementAndGet();
		Runnable hook = this.beforeNextDelete.getAndSet(null);
		if (hook != null) {
			hook.run();
		}
		synchronized (this.objects) {
			StoredObject existing = this.objects.get(name);
			String generation = params.get("generation");
			if (existing == null || (generation != null && !generation.equals(String.valueOf(existing.generation)))) {
				send(exchange, 404, error(404, "No such object"));
				return;
			}
			String generationMatch = params.get("ifGenerationMatch");
			if (generationMatch != null && !generationMatch.equals(String.valueOf(existing.generation))) {
				send(exchange, 412, error(412, "conditionNotMet"));
				return;
			}
			this.objects.remove(name);
		}
		exchange.sendResponseHeaders(204, -1);
	}

	private String resource(String name, StoredObject object) {
		ObjectNode node = json.createObjectNode();
		node.put("kind", "storage#object");
		node.put("id", this.bucket + "/" + name + "/" + object.generation);
		node.put("name", name);
		node.put("bucket", this.bucket);
		node.put("generation", String.valueOf(object.generation));
		node.put("metageneration", "1");
		node.put("contentType", "application/json");
		node.put("size", String.valueOf(object.content.length));
		node.put("timeCreated", object.created.toString());
		node.put("updated", object.created.toString());
		if (!object.custom.isEmpty()) {
			ObjectNode custom = node.putObject("metadata");
			object.custom.forEach(custom::put);
		}
		return json.writeValueAsString(node);
	}

	private static String error(int code, String message) {
		return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
				+ "\",\"reason\":\"" + message + "\"}]}}";
	}

	private static byte[] readBody(HttpExchange exchange) throws IOException {
		InputStream in = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			in = new GZIPInputStream(in);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> params(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query == null) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			params.put(key, value);
		}
		return params;
	}

	private record StoredObject(byte[] content, Map<String, String> custom, long generation, Instant created) {

	}

}
