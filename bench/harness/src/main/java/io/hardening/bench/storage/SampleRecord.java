package io.hardening.bench.storage;

import java.time.Instant;

import io.hardening.storage.JsonDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

/**
 * The record every storage benchmark stores: a result document of about 1 KB and a small
 * metadata document, as trees for the starter and as the bytes the starter writes for the
 * raw baselines.
 */
final class SampleRecord {

	/**
	 * The codec the starter's auto-configuration builds without an application mapper:
	 * Jackson's shared mapper and the default 1 MB limit.
	 */
	static final JsonDocuments documents = new JsonDocuments(JsonMapper.shared(), DataSize.ofMegabytes(1));

	/**
	 * The custom object metadata the GCS storage writes with each object.
	 */
	static final String STORED_AT = "hardening-stored-at";

	final JsonNode result = result();

	final JsonNode metadata = metadata();

	final byte[] resultBytes = documents.toBytes("result", this.result);

	final byte[] metadataBytes = documents.toBytes("metadata", this.metadata);

	private static JsonNode result() {
		ObjectNode result = JsonMapper.shared().createObjectNode();
		result.put("model", "gemini-2.5-flash");
		result.put("prompt", "Summarise the incident report and list the three most likely causes.");
		result.put("answer", "The outage began when the connection pool of the order service was exhausted "
				+ "after a deploy doubled the number of replicas without raising the database's connection limit. "
				+ "Requests queued behind the pool, health checks timed out, and the load balancer removed "
				+ "healthy instances, which concentrated the load on the rest. Likely causes: the pool size, "
				+ "the readiness probe sharing the request path, and retries without backoff in two clients.");
		result.put("reasoning",
				"Pool metrics show saturation two minutes before the first failed probe; "
						+ "database connections stayed at the old limit while replicas doubled; client retries tripled "
						+ "the request rate at the peak.");
		ObjectNode scores = result.putObject("scores");
		scores.put("relevance", 0.91);
		scores.put("faithfulness", 0.87);
		scores.put("completeness", 0.78);
		var causes = result.putArray("causes");
		causes.add("connection pool exhausted");
		causes.add("readiness probe on the request path");
		causes.add("retries without backoff");
		ObjectNode usage = result.putObject("usage");
		usage.put("promptTokens", 812);
		usage.put("completionTokens", 164);
		usage.put("latencyMillis", 1432);
		return result;
	}

	private static JsonNode metadata() {
		ObjectNode metadata = JsonMapper.shared().createObjectNode();
		metadata.put("createdBy", "bench");
		metadata.put("createdAt", Instant.parse("2026-01-01T00:00:00Z").toString());
		metadata.put("dataset", "incidents-v3");
		ObjectNode labels = metadata.putObject("labels");
		labels.put("team", "platform");
		labels.put("run", "nightly");
		return metadata;
	}

}
