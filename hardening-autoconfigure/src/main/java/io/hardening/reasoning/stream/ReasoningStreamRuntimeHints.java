package io.hardening.reasoning.stream;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints for what Jackson writes of a reasoning stream. The events' data are
 * maps of JDK types, except {@link EventData}: before Jackson picks its map serializer it
 * reads the class's declared fields, methods and constructors, which a native image
 * answers only for types registered for reflection (and refuses with
 * {@code --exact-reachability-metadata}). No member is invoked, so the type alone is
 * registered.
 */
public final class ReasoningStreamRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		// Jackson introspects it when it writes an event's data to a client's SSE stream.
		hints.reflection().registerType(EventData.class);
	}

}
