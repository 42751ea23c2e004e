package io.hardening.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates.TypeHintPredicate;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's runtime hints reach what {@code spring-boot:process-aot} writes for an
 * application: Spring Boot's AOT processing of an application with the starter, its
 * registrars found where Spring looks for them ({@code @ImportRuntimeHints} on the
 * auto-configurations, {@code META-INF/spring/aot.factories}).
 */
class StarterAotRuntimeHintsTests {

	@TempDir
	static Path root;

	private static RuntimeHints hints;

	@BeforeAll
	static void process() {
		// The build has Micrometer Tracing, which this module's tests do not.
		ClassLoader classLoader = new StandInClassLoader(StarterAotRuntimeHintsTests.class.getClassLoader(),
				HardeningDefaultsEnvironmentPostProcessor.TRACER);
		hints = AotProcessedHints.process(NativeHintsTestApplication.class, root.resolve("aot"), classLoader,
				"--spring.main.web-application-type=reactive", "--hardening.reasoning.provider=simulated",
				"--hardening.storage.mode=filesystem", "--hardening.storage.filesystem.path=" + root.resolve("data"));
	}

	@Test
	void eventDataIsRegisteredForJackson() {
		assertThat(type("io.hardening.reasoning.stream.EventData")).accepts(hints);
	}

	@Test
	void classesTheStartupSummaryLooksUpAreRegistered() {
		assertThat(type(StartupSummaryAutoConfiguration.WEB_APPLICATION_CONTEXT)).accepts(hints);
		assertThat(type(ReactorNettyKeepAliveCheck.SERVER_CLASS)).accepts(hints);
	}

	@Test
	void tracerIsRegisteredThroughAotFactories() {
		assertThat(type(HardeningDefaultsEnvironmentPostProcessor.TRACER)).accepts(hints);
	}

	private static TypeHintPredicate type(String name) {
		return RuntimeHintsPredicates.reflection().onType(TypeReference.of(name));
	}

}
