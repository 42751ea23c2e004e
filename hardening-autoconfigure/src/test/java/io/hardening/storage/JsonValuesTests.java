package io.hardening.storage;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTests {

	@Test
	void depthCountsObjectsAndArraysAndScalarsAreNone() {
		assertThat(JsonValues.deeperThan(MAPPER.readTree("{}"), 1)).isFalse();
		assertThat(JsonValues.deeperThan(MAPPER.readTree("{\"a\":[1,{\"b\":2}]}"), 3)).isFalse();
		assertThat(JsonValues.deeperThan(MAPPER.readTree("{\"a\":[1,{\"b\":2}]}"), 2)).isTrue();
		assertThat(JsonValues.deeperThan(MAPPER.readTree("[[],[[]]]"), 2)).isTrue();
		assertThat(JsonValues.deeperThan(MAPPER.readTree("7"), 0)).isFalse();
	}

	@Test
	void aTreeBuiltInCodeDeeperThanAnyStackIsRefusedNotAStackOverflow() {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		ObjectNode current = root;
		for (int i = 0; i < 100_000; i++) {
			current = current.putObject("a");
		}
		assertThat(JsonValues.deeperThan(root, 400)).isTrue();
		assertThat(JsonValues.allFinite(root)).isTrue();
		assertThatThrownBy(() -> new JsonDocuments(MAPPER, DataSize.ofMegabytes(10)).toBytes("result", root))
			.isInstanceOf(InvalidExperimentException.class)
			.hasMessageContaining("hardening.storage.max-document-depth");
	}

	@Test
	void nonFiniteNumbersAreFoundAtAnyDepth() {
		ObjectNode document = JsonNodeFactory.instance.objectNode();
		ArrayNode list = document.putObject("x").putArray("list");
		list.add(1).add(2.5);
		assertThat(JsonValues.allFinite(document)).isTrue();
		list.addObject().put("f", Float.NaN);
		assertThat(JsonValues.allFinite(document)).isFalse();
	}

}
