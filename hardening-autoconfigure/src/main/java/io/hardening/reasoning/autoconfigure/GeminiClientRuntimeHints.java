package io.hardening.reasoning.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image find the class the Gemini clients look up by name at run time:
 * Boot's {@code WebClientCustomizer}, whose presence decides whether Boot's customizers
 * (codecs, observations) shape the clients' {@code WebClient}. Registered only when the
 * build has it.
 */
class GeminiClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerTypeIfPresent(classLoader, GeminiClients.WEB_CLIENT_CUSTOMIZER);
	}

}
