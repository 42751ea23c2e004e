package io.hardening.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call in the starter's main code that a native image may need runtime hints for
 * has been reviewed: classes looked up by name, resources read from the class path,
 * service loading, reflection, JDK proxies, Java serialization, and Jackson binding. A
 * new call fails this test until it is reviewed, given a hint where it needs one, and
 * listed here.
 */
class NativeImageCallSitesTests {

	private static final Pattern CALLS = Pattern
		.compile("ClassUtils\\s*\\.(isPresent|forName)\\(|Class\\s*\\.forName\\("
				+ "|\\.loadClass\\(|getResource(AsStream|s)?\\(|ClassPathResource|ResourceLoader|ServiceLoader"
				+ "|newProxyInstance|getDeclared(Field|Method|Constructor)s?\\(|setAccessible\\("
				+ "|Object(Input|Output)Stream|\\.(readValue|convertValue|treeToValue|readerFor|writerFor|valueToTree"
				+ "|writeValueAsString|writeValueAsBytes|writeValue)\\(");

	/**
	 * Reviewed calls, by source file: how many, and why a native image has what they
	 * need.
	 */
	private static final Map<String, Integer> REVIEWED = Map.ofEntries(
			// Micrometer Tracing's Tracer, by name at run time:
			// HardeningDefaultsRuntimeHints.
			entry("io/hardening/autoconfigure/HardeningDefaultsEnvironmentPostProcessor.java", 1),
			// Reactor Netty's HttpServer, by name at run time:
			// StartupSummaryRuntimeHints.
			entry("io/hardening/autoconfigure/ReactorNettyKeepAliveCheck.java", 2),
			// Spring Security and WebApplicationContext, by name:
			// StartupSummaryRuntimeHints.
			entry("io/hardening/autoconfigure/StartupSummaryAutoConfiguration.java", 3),
			// An AutoConfigurationImportFilter runs while auto-configurations are
			// imported,
			// which Spring AOT does at build time: nothing at run time.
			entry("io/hardening/resilience/autoconfigure/UnresolvableCircuitBreakerAutoConfigurationFilter.java", 1),
			// A condition's class look-up: Spring AOT evaluates conditions at build time.
			entry("io/hardening/storage/autoconfigure/OnGcsUsableCondition.java", 1),
			// Boot's WebClientCustomizer, by name: GeminiClientRuntimeHints.
			entry("io/hardening/reasoning/autoconfigure/GeminiClients.java", 1),
			// Writes an ObjectNode, Jackson's own tree.
			entry("io/hardening/reasoning/gemini/GeminiPayloads.java", 1),
			// The run record's documents: maps of JDK types.
			entry("io/hardening/reasoning/stream/StorageRunRecorder.java", 2),
			// The events' data: maps of JDK types and EventData,
			// ReasoningStreamRuntimeHints.
			entry("io/hardening/reasoning/web/ReasoningSse.java", 1),
			// Stored documents (JsonNode) and the storage endpoints' bodies: maps and
			// lists
			// of JDK types and JsonNode.
			entry("io/hardening/storage/JsonDocuments.java", 2));

	@Test
	void everyCallANativeImageMayNeedHintsForHasBeenReviewed() throws IOException {
		Path sources = Path.of("src/main/java");
		assertThat(sources).isDirectory();
		Map<String, Integer> found = new TreeMap<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = CALLS.matcher(Files.readString(file));
				int count = 0;
				while (matcher.find()) {
					count++;
				}
				if (count > 0) {
					found.put(sources.relativize(file).toString().replace('\\', '/'), count);
				}
			}
		}
		assertThat(found)
			.as("Calls a native image may need runtime hints for, by file. For a new one, check what it needs, add "
					+ "it to the feature's RuntimeHintsRegistrar (docs/performance.md, \"Native images and Spring "
					+ "AOT\"), and list it in %s with the reason", getClass().getSimpleName())
			.isEqualTo(new TreeMap<>(REVIEWED));
	}

}
