package io.hardening.storage.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies and checks shared by the reactive and servlet endpoint tests of how
 * documents are kept: numbers, duplicate keys and nesting.
 */
final class DocumentCases {

	/**
	 * A result whose numbers a {@code double} cannot hold: too large, too precise, too
	 * small, beyond {@code long}, and a trailing zero.
	 */
	static final String NUMBERS = "{\"big\":1e400,\"precise\":0.12345678901234567890123,\"tiny\":1e-400,"
			+ "\"huge\":123456789012345678901234567890,\"one\":1.0}";

	private DocumentCases() {
	}

	static String record(String id, String result) {
		return record(id, result, "{\"model\":\"m\"}");
	}

	static String record(String id, String result, String metadata) {
		return "{\"experiment_id\":\"" + id + "\",\"result\":" + result + ",\"metadata\":" + metadata + "}";
	}

	/**
	 * A JSON object nested {@code depth} levels deep: {@code {"leaf":1}} is one level.
	 */
	static String nested(int depth) {
		return "{\"a\":".repeat(depth - 1) + "{\"leaf\":1}" + "}".repeat(depth - 1);
	}

	/**
	 * Writes a record in the two-file layout directly, as a version without the depth
	 * limit could have stored it.
	 * @param data the storage folder
	 * @param id the id
	 * @param result the result document
	 */
	static void storedEarlier(Path data, String id, String result) throws IOException {
		Path directory = Files.createDirectories(data.resolve(id));
		Files.writeString(directory.resolve("metadata.json"), "{}");
		Files.writeString(directory.resolve("result.json"), result);
	}

	/**
	 * Checks, in a response body as sent, that the numbers of {@link #NUMBERS} came back
	 * as numbers with every digit.
	 * @param body the response body
	 * @param resultPath the JSON pointer of the result in it
	 */
	static void assertNumbersKept(String body, String resultPath) {
		JsonNode result = MAPPER.reader()
			.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.readTree(body)
			.at(resultPath);
		assertThat(result.get("big").isNumber()).as("1e400 as a number in %s", body).isTrue();
		assertThat(result.get("big").decimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
		assertThat(result.get("precise").decimalValue()).isEqualTo(new BigDecimal("0.12345678901234567890123"));
		assertThat(result.get("tiny").decimalValue()).isEqualByComparingTo(new BigDecimal("1e-400"));
		assertThat(result.get("huge").bigIntegerValue()).hasToString("123456789012345678901234567890");
		assertThat(body).contains("0.12345678901234567890123").contains("\"one\":1.0");
	}

	/**
	 * The depth of the deepest object in a document, counted as the limit counts it.
	 */
	static int depth(JsonNode node) {
		int depth = 0;
		JsonNode current = node;
		while (current != null && current.isObject()) {
			depth++;
			current = current.get("a");
		}
		return depth;
	}

}
