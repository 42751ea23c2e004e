package io.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code hardening.*} property has an IDE description in the generated metadata and
 * a row in {@code docs/configuration.md}.
 */
class DocumentedPropertiesTests {

	private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<JsonNode> properties = hardeningProperties();
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.path("name").asString())
					.isNotBlank());
	}

	@Test
	void everyPropertyIsInTheConfigurationReference() throws IOException {
		String doc = Files.readString(CONFIGURATION_DOC);
		List<String> missing = new ArrayList<>();
		for (JsonNode property : hardeningProperties()) {
			String name = property.path("name").asString();
			if (!doc.contains("`" + name + "`")) {
				missing.add(name);
			}
		}
		assertThat(missing).as("properties missing from docs/configuration.md").isEmpty();
	}

	private List<JsonNode> hardeningProperties() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("generated configuration metadata").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(metadata);
			List<JsonNode> properties = new ArrayList<>();
			root.path("properties").forEach((property) -> {
				if (property.path("name").asString().startsWith("hardening.")) {
					properties.add(property);
				}
			});
			return properties;
		}
	}

}
