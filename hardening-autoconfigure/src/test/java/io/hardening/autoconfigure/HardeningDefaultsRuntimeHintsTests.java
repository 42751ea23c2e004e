package io.hardening.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HardeningDefaultsRuntimeHints}.
 */
class HardeningDefaultsRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void tracerIsRegisteredWhenMicrometerTracingIsThere() {
		ClassLoader withTracing = new StandInClassLoader(getClass().getClassLoader(),
				HardeningDefaultsEnvironmentPostProcessor.TRACER);
		new HardeningDefaultsRuntimeHints().registerHints(this.hints, withTracing);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(HardeningDefaultsEnvironmentPostProcessor.TRACER))).accepts(this.hints);
	}

	@Test
	void tracerIsNotRegisteredWithoutMicrometerTracing() {
		// This module's tests do not have Micrometer Tracing.
		assertThat(ClassUtils.isPresent(HardeningDefaultsEnvironmentPostProcessor.TRACER, getClass().getClassLoader()))
			.isFalse();
		new HardeningDefaultsRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(this.hints.reflection().typeHints()).isEmpty();
	}

}
