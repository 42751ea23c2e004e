package io.hardening.storage;

import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents for tests.
 */
public final class TestDocuments {

	public static final JsonMapper MAPPER = JsonMapper.shared();

	private TestDocuments() {
	}

	public static JsonDocuments documents() {
		return new JsonDocuments(MAPPER, DataSize.ofKilobytes(64));
	}

	public static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

}
