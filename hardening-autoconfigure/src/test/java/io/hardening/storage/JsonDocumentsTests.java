package io.hardening.storage;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonDocumentsTests {

	private final JsonDocuments documents = new JsonDocuments(MAPPER, DataSize.ofKilobytes(64));

	@Test
	void numbersKeepTheirDigitsFromRequestToBytesAndBack() {
		JsonNode request = this.documents
			.parseRequest(bytes("{\"big\":1e400,\"precise\":0.12345678901234567890123,\"tiny\":1e-400,\"zeros\":10.50,"
					+ "\"huge\":123456789012345678901234567890,\"small\":-7,\"e\":1E+2}"));
		String stored = new String(this.documents.toBytes("result", request), StandardCharsets.UTF_8);
		assertThat(stored).isEqualTo("{\"big\":1E+400,\"precise\":0.12345678901234567890123,\"tiny\":1E-400,"
				+ "\"zeros\":10.50,\"huge\":123456789012345678901234567890,\"small\":-7,\"e\":1E+2}");
		JsonNode read = this.documents.fromBytes(bytes(stored));
		assertThat(read.get("big").decimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
		assertThat(read.get("tiny").decimalValue()).isEqualByComparingTo(new BigDecimal("1e-400"));
		assertThat(read.get("precise").decimalValue()).isEqualTo(new BigDecimal("0.12345678901234567890123"));
		assertThat(read.get("zeros").decimalValue()).isEqualTo(new BigDecimal("10.50"));
		assertThat(this.documents.write(read)).isEqualTo(bytes(stored));
	}

	@Test
	void theApplicationMapperSettingsDoNotChangeStoredNumbersAndAreLeftAsTheyAre() {
		JsonMapper application = JsonMapper.builder()
			.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			.enable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
			.disable(JsonNodeFeature.WRITE_NULL_PROPERTIES)
			.build();
		JsonDocuments documents = new JsonDocuments(application, DataSize.ofKilobytes(64));
		JsonNode request = documents.parseRequest(bytes("{\"z\":1e400,\"a\":10.50,\"n\":null}"));
		assertThat(new String(documents.toBytes("result", request), StandardCharsets.UTF_8))
			.isEqualTo("{\"z\":1E+400,\"a\":10.50,\"n\":null}");
		// The application's own mapper still reads and writes as it did.
		assertThat(application.readTree("{\"n\":1e400}").get("n").isDouble()).isTrue();
		assertThat(application.writeValueAsString(new BigDecimal("1E+2"))).isEqualTo("100");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"n\":1}|{\"n\":1.0}", "{\"n\":1}|{\"n\":1e0}", "{\"n\":0.5}|{\"n\":5E-1}",
					"{\"n\":123456789012345678901234567890}|{\"n\":1.23456789012345678901234567890e29}",
					"{\"a\":1,\"b\":[1,{\"c\":2.50}]}|{\"b\":[1.0,{\"c\":2.5}],\"a\":1}", "{\"n\":null}|{\"n\":null}" })
	void sameDocumentComparesNumbersAsNumbersAndKeysInAnyOrder(String a, String b) {
		assertThat(JsonDocuments.sameDocument(this.documents.parseRequest(bytes(a)),
				this.documents.parseRequest(bytes(b))))
			.isTrue();
		assertThat(JsonDocuments.sameDocument(MAPPER.readTree(a), this.documents.parseRequest(bytes(b)))).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"n\":1e400}|{\"n\":\"Infinity\"}", "{\"n\":1}|{\"n\":\"1\"}",
			"{\"n\":1}|{\"n\":1.000000000000000000001}", "{\"n\":1e-400}|{\"n\":0}", "{\"l\":[1,2]}|{\"l\":[2,1]}",
			"{\"n\":1}|{\"n\":1,\"m\":1}", "{\"n\":null}|{}", "{\"n\":[]}|{\"n\":{}}", "{\"n\":true}|{\"n\":1}" })
	void sameDocumentTellsDifferentDocumentsApart(String a, String b) {
		assertThat(JsonDocuments.sameDocument(this.documents.parseRequest(bytes(a)),
				this.documents.parseRequest(bytes(b))))
			.isFalse();
	}

	@Test
	void nonFiniteNumbersBuiltInCodeEqualOnlyTheirLikeAndAreNotStored() {
		ObjectNode infinite = JsonNodeFactory.instance.objectNode().put("n", Double.POSITIVE_INFINITY);
		ObjectNode nan = JsonNodeFactory.instance.objectNode().put("n", Double.NaN);
		assertThat(JsonDocuments.sameDocument(infinite, infinite.deepCopy())).isTrue();
		assertThat(JsonDocuments.sameDocument(nan, nan.deepCopy())).isTrue();
		assertThat(JsonDocuments.sameDocument(infinite, this.documents.parseRequest(bytes("{\"n\":1e400}")))).isFalse();
		assertThat(JsonDocuments.sameDocument(infinite, this.documents.parseRequest(bytes("{\"n\":\"Infinity\"}"))))
			.isFalse();
		assertThatThrownBy(() -> this.documents.toBytes("result", infinite))
			.isInstanceOf(InvalidExperimentException.class)
			.hasMessageContaining("not finite");
		assertThatThrownBy(() -> this.documents.toBytes("metadata", nan)).hasMessageContaining("metadata");
	}

	@Test
	void sameContentOfAStoredExperimentComparesNumbersAsNumbers() {
		StoredExperiment stored = new StoredExperiment("id", this.documents.parseRequest(bytes("{\"n\":1}")),
				this.documents.parseRequest(bytes("{\"m\":2.0}")), URI.create("file:///x"), Instant.EPOCH);
		assertThat(stored.sameContent(MAPPER.readTree("{\"n\":1.0}"), MAPPER.readTree("{\"m\":2}"))).isTrue();
		assertThat(stored.sameContent(MAPPER.readTree("{\"n\":1.0}"), MAPPER.readTree("{\"m\":\"2\"}"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"a\":[{\"b\":1,\"b\":2}]}",
			"{\"a\":1,\"b\":2,\"a\":1}" })
	void duplicateKeysAnywhereAreRefusedNamingTheKey(String body) {
		assertThatThrownBy(() -> this.documents.parseRequest(bytes(body)))
			.isInstanceOfSatisfying(InvalidExperimentException.class,
					(ex) -> assertThat(ex.getCode()).isEqualTo("invalid_body"))
			.hasMessageContaining("duplicate key")
			.hasMessageMatching(".*\"[ab]\".*");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{\"n\":NaN}", "{\"n\":Infinity}", "{\"n\":-Infinity}", "{\"a\":1} {\"b\":2}", "{\"a\":1}]" })
	void nonNumericNumbersAndTrailingTokensAreNotJson(String body) {
		JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
		JsonDocuments documents = new JsonDocuments(lenient, DataSize.ofKilobytes(64));
		assertThatThrownBy(() -> documents.parseRequest(bytes(body))).isInstanceOf(InvalidExperimentException.class)
			.hasMessage("request body is not valid JSON");
	}

	@Test
	void depthIsCheckedAtTheLimitCountingObjectsAndArrays() {
		JsonDocuments documents = new JsonDocuments(MAPPER, DataSize.ofKilobytes(64), 3);
		assertThatNoException().isThrownBy(() -> documents.toBytes("result", MAPPER.readTree("{\"a\":[{}]}")));
		assertThatNoException().isThrownBy(() -> documents.check("result", MAPPER.readTree("{\"a\":{\"b\":[1]}}")));
		assertThatThrownBy(() -> documents.toBytes("result", MAPPER.readTree("{\"a\":[{\"b\":[]}]}")))
			.isInstanceOfSatisfying(InvalidExperimentException.class,
					(ex) -> assertThat(ex.getCode()).isEqualTo("invalid_body"))
			.hasMessageContaining("result")
			.hasMessageContaining("hardening.storage.max-document-depth (3)");
		assertThatThrownBy(() -> documents.check("metadata", MAPPER.readTree("{\"x\":1,\"a\":{\"b\":{\"c\":{}}}}")))
			.hasMessageContaining("metadata");
	}

	@Test
	void aBodyBeyondTheParserNestingLimitNamesTheProperty() {
		String body = "[".repeat(600) + "]".repeat(600);
		assertThatThrownBy(() -> this.documents.parseRequest(bytes(body)))
			.isInstanceOf(InvalidExperimentException.class)
			.hasMessageContaining("hardening.storage.max-document-depth (64)");
	}

	@Test
	void theDepthLimitMustLeaveRoomForAListingUnderTheMapperLimits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JsonDocuments(MAPPER, DataSize.ofKilobytes(1), 0))
			.withMessageContaining("hardening.storage.max-document-depth");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JsonDocuments(MAPPER, DataSize.ofKilobytes(1), JsonDocuments.MAX_DEPTH_CEILING + 1));
		assertThatNoException()
			.isThrownBy(() -> new JsonDocuments(MAPPER, DataSize.ofKilobytes(1), JsonDocuments.MAX_DEPTH_CEILING));
		JsonMapper shallowWriter = JsonMapper
			.builder(JsonFactory.builder()
				.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100).build())
				.build())
			.build();
		assertThatNoException().isThrownBy(() -> new JsonDocuments(shallowWriter, DataSize.ofKilobytes(1), 97));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JsonDocuments(shallowWriter, DataSize.ofKilobytes(1), 98))
			.withMessageContaining("(100)");
		JsonMapper shallowReader = JsonMapper
			.builder(JsonFactory.builder()
				.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build())
				.build())
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JsonDocuments(shallowReader, DataSize.ofKilobytes(1)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
