package io.hardening.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image find Micrometer Tracing's {@code Tracer}, which
 * {@link HardeningDefaultsEnvironmentPostProcessor} looks up by name at run time to put
 * the trace and span ids in the log pattern: {@code Class.forName} there finds only types
 * registered for reflection. Registered in {@code META-INF/spring/aot.factories}, as the
 * post-processor runs whatever the auto-configurations decide.
 */
class HardeningDefaultsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		// Only when the build has Micrometer Tracing: else the ids are never there.
		hints.reflection().registerTypeIfPresent(classLoader, HardeningDefaultsEnvironmentPostProcessor.TRACER);
	}

}
