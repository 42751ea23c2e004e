package io.hardening.autoconfigure;

import java.nio.file.Path;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor.Settings;

/**
 * Runs Spring Boot's AOT processing of an application, as {@code spring-boot:process-aot}
 * does, and returns the runtime hints it would write to
 * {@code reachability-metadata.json}.
 */
final class AotProcessedHints {

	private AotProcessedHints() {
	}

	/**
	 * Processes the application.
	 * @param application the application class, with a {@code main} method
	 * @param output where the generated sources and files go
	 * @param classLoader the class loader the build sees
	 * @param args the application's arguments, {@code --name=value} properties
	 * @return the runtime hints of the processed application
	 */
	static RuntimeHints process(Class<?> application, Path output, ClassLoader classLoader, String... args) {
		Settings settings = Settings.builder()
			.sourceOutput(output.resolve("sources"))
			.resourceOutput(output.resolve("resources"))
			.classOutput(output.resolve("classes"))
			.groupId("io.hardening")
			.artifactId("native-hints-test")
			.build();
		HintsCapturingProcessor processor = new HintsCapturingProcessor(application, settings, args);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			processor.process();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
		return processor.hints;
	}

	private static final class HintsCapturingProcessor extends SpringApplicationAotProcessor {

		private RuntimeHints hints;

		HintsCapturingProcessor(Class<?> application, Settings settings, String[] args) {
			super(application, settings, args);
		}

		@Override
		protected void writeHints(RuntimeHints hints) {
			this.hints = hints;
			super.writeHints(hints);
		}

	}

}
