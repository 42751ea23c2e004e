package io.hardening.storage.gcs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hardening.storage.gcs.FakeGcsWire.StoredObject;
import io.hardening.storage.gcs.FakeGcsWire.Upload;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.hardening.storage.gcs.FakeGcsWire.error;
import static io.hardening.storage.gcs.FakeGcsWire.json;
import static io.hardening.storage.gcs.FakeGcsWire.resource;
import static io.hardening.storage.gcs.FakeGcsWire.send;

/**
 * A loopback stand-in for the GCS JSON API, holding objects in a map. It speaks the calls
 * the Java client makes for bucket get, multipart upload (with the does-not-exist and
 * generation-match preconditions), object get, media download, list (in name order, with
 * {@code maxResults}, {@code pageToken} and {@code startOffset}) and delete, and can be
 * told to fail. Requests a test wants held are held by its {@link #gates()}; the wire
 * format is {@link FakeGcsWire}'s. Preconditions are decided under one lock, and answers
 * are sent after it is released.
 */
public final class FakeGcsServer implements AutoCloseable {

	private final HttpServer server;

	private final String bucket;

	private final FakeGcsGates gates = new FakeGcsGates();

	private final ConcurrentMap<String, StoredObject> objects = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicInteger> creations = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger downloads = new AtomicInteger();

	private final AtomicInteger deletes = new AtomicInteger();

	private final AtomicInteger listRequests = new AtomicInteger();

	private final AtomicReference<Runnable> beforeNextDelete = new AtomicReference<>();

	private volatile boolean failing;

	private volatile int uploadFailure;

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
	 * Where uploads and listings can be held, delayed and released.
	 */
	public FakeGcsGates gates() {
		return this.gates;
	}

	/**
	 * Answers 503 to everything while set.
	 */
	public void setFailing(boolean failing) {
		this.failing = failing;
	}

	/**
	 * Answers uploads with the given status while it is not 0 (403 for a missing
	 * permission, for example); everything else answers normally.
	 */
	public void failUploadsWith(int status) {
		this.uploadFailure = status;
	}

	public int listRequestCount() {
		return this.listRequests.get();
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
		this.objects.forEach((name, object) -> names.put(name, new String(object.content(), StandardCharsets.UTF_8)));
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
		this.gates.releaseAll();
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			byte[] body = FakeGcsWire.readBody(exchange);
			if (this.failing) {
				send(exchange, 503, error(503, "Service Unavailable"));
				return;
			}
			String path = exchange.getRequestURI().getRawPath();
			Map<String, String> params = FakeGcsWire.params(exchange.getRequestURI().getRawQuery());
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
				upload(exchange, Upload.read(exchange, body), params);
			}
			else if (method.equals("GET") && path.equals(bucketPath + "/o")) {
				this.listRequests.incrementAndGet();
				this.gates.beforeListing();
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

	private void upload(HttpExchange exchange, Upload upload, Map<String, String> params) throws IOException {
		this.gates.beforeUpload();
		String generationMatch = params.get("ifGenerationMatch");
		StoredObject stored = null;
		synchronized (this.objects) {
			StoredObject existing = this.objects.get(upload.name());
			boolean met = (generationMatch == null) || ("0".equals(generationMatch) ? existing == null
					: existing != null && generationMatch.equals(String.valueOf(existing.generation())));
			if (met) {
				stored = store(upload.name(), upload.content(), upload.custom());
			}
		}
		if (stored == null) {
			send(exchange, 412, error(412, "conditionNotMet"));
			return;
		}
		send(exchange, 200, json.writeValueAsString(resource(this.bucket, upload.name(), stored)));
	}

	private StoredObject store(String name, byte[] content, Map<String, String> custom) {
		StoredObject stored = new StoredObject(content, custom, this.generation.incrementAndGet(), Instant.now());
		this.objects.put(name, stored);
		this.creations.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
		return stored;
	}

	private void list(HttpExchange exchange, Map<String, String> params) throws IOException {
		String prefix = params.getOrDefault("prefix", "");
		String matchGlob = params.get("matchGlob");
		Pattern glob = (matchGlob != null) ? FakeGcsWire.globPattern(matchGlob) : null;
		// Like GCS: names in lexicographic order, at most maxResults (1000) a page; the
		// page token is the last name returned.
		int maxResults = Math.min(1000, Integer.parseInt(params.getOrDefault("maxResults", "1000")));
		String after = params.get("pageToken");
		String startOffset = params.get("startOffset");
		ObjectNode result = json.createObjectNode();
		result.put("kind", "storage#objects");
		ArrayNode items = result.putArray("items");
		String last = null;
		boolean more = false;
		for (String name : new TreeSet<>(this.objects.keySet())) {
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
			items.add(resource(this.bucket, name, object));
			last = name;
		}
		if (more) {
			result.put("nextPageToken", last);
		}
		send(exchange, 200, json.writeValueAsString(result));
	}

	private void object(HttpExchange exchange, String method, String name, Map<String, String> params)
			throws IOException {
		if (method.equals("DELETE")) {
			delete(exchange, name, params);
			return;
		}
		StoredObject object = this.objects.get(name);
		if (object == null) {
			send(exchange, 404, error(404, "No such object: " + this.bucket + "/" + name));
			return;
		}
		if ("media".equals(params.get("alt"))) {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, object.content().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(object.content());
			}
			return;
		}
		send(exchange, 200, json.writeValueAsString(resource(this.bucket, name, object)));
	}

	private void delete(HttpExchange exchange, String name, Map<String, String> params) throws IOException {
		this.deletes.incrementAndGet();
		Runnable hook = this.beforeNextDelete.getAndSet(null);
		if (hook != null) {
			hook.run();
		}
		String generation = params.get("generation");
		String generationMatch = params.get("ifGenerationMatch");
		int status;
		synchronized (this.objects) {
			StoredObject existing = this.objects.get(name);
			if (existing == null || (generation != null && !generation.equals(String.valueOf(existing.generation())))) {
				status = 404;
			}
			else if (generationMatch != null && !generationMatch.equals(String.valueOf(existing.generation()))) {
				status = 412;
			}
			else {
				this.objects.remove(name);
				status = 204;
			}
		}
		if (status == 204) {
			exchange.sendResponseHeaders(204, -1);
		}
		else {
			send(exchange, status, (status == 404) ? error(404, "No such object") : error(412, "conditionNotMet"));
		}
	}

}
