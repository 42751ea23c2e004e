package io.hardening.reasoning.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiClientRuntimeHints}.
 */
class GeminiClientRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void webClientCustomizerIsRegisteredForItsLookUpByName() {
		new GeminiClientRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(GeminiClients.WEB_CLIENT_CUSTOMIZER)))
			.accepts(this.hints);
	}

	@Test
	void nothingIsRegisteredWithoutBootsWebClientModule() {
		new GeminiClientRuntimeHints().registerHints(this.hints,
				new FilteredClassLoader(GeminiClients.WEB_CLIENT_CUSTOMIZER));
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(GeminiClients.WEB_CLIENT_CUSTOMIZER)))
			.rejects(this.hints);
	}

}
