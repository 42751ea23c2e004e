package io.hardening.storage.gcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link FakeGcsServer}'s requests and answers look like on the wire, as the GCS
 * JSON API has them: query parameters, gzipped bodies, the multipart upload, object
 * resources, errors and {@code matchGlob} patterns.
 */
final class FakeGcsWire {

	static final JsonMapper json = JsonMapper.shared();

	private FakeGcsWire() {
	}

	/**
	 * An object as the fake holds it.
	 */
	record StoredObject(byte[] content, Map<String, String> custom, long generation, Instant created) {

	}

	/**
	 * The two parts of a multipart upload: the object's name and custom metadata, and its
	 * content.
	 */
	record Upload(String name, Map<String, String> custom, byte[] content) {

		static Upload read(HttpExchange exchange, byte[] body) {
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
			String text = new String(body, StandardCharsets.ISO_8859_1);
			String[] parts = text.split(Pattern.quote("--" + boundary));
			JsonNode metadata = json.readTree(partBody(parts[1]).getBytes(StandardCharsets.ISO_8859_1));
			Map<String, String> custom = new LinkedHashMap<>();
			if (metadata.has("metadata")) {
				metadata.get("metadata").properties().forEach((e) -> custom.put(e.getKey(), e.getValue().asString()));
			}
			return new Upload(metadata.get("name").asString(), custom,
					partBody(parts[2]).getBytes(StandardCharsets.ISO_8859_1));
		}

		private static String partBody(String part) {
			int start = part.indexOf("\r\n\r\n") + 4;
			String rest = part.substring(start);
			return rest.endsWith("\r\n") ? rest.substring(0, rest.length() - 2) : rest;
		}

	}

	static ObjectNode resource(String bucket, String name, StoredObject object) {
		ObjectNode node = json.createObjectNode();
		node.put("kind", "storage#object");
		node.put("id", bucket + "/" + name + "/" + object.generation());
		node.put("name", name);
		node.put("bucket", bucket);
		node.put("generation", String.valueOf(object.generation()));
		node.put("metageneration", "1");
		node.put("contentType", "application/json");
		node.put("size", String.valueOf(object.content().length));
		node.put("timeCreated", object.created().toString());
		node.put("updated", object.created().toString());
		if (!object.custom().isEmpty()) {
			ObjectNode custom = node.putObject("metadata");
			object.custom().forEach(custom::put);
		}
		return node;
	}

	static String error(int code, String message) {
		return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
				+ "\",\"reason\":\"" + message + "\"}]}}";
	}

	/**
	 * The regular expression of a {@code matchGlob}: {@code **} matches across folders,
	 * {@code *} within one.
	 */
	static Pattern globPattern(String glob) {
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
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

	static byte[] readBody(HttpExchange exchange) throws IOException {
		InputStream in = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			in = new GZIPInputStream(in);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static Map<String, String> params(String query) {
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

}
