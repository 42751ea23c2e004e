package io.hardening.sample;

import java.util.List;

/**
 * Whether this test run uses Spring AOT's build-time generated contexts, as the sample's
 * {@code spring-aot} profile runs it ({@code -Dspring.aot.enabled=true} after
 * {@code process-aot} and {@code process-test-aot}), and what a sample app started in a
 * process of its own needs to run the same way.
 */
final class SpringAotMode {

	/** The line Boot logs first when it starts from the generated initializer. */
	static final String AOT_STARTING = "Starting AOT-processed SampleApplication";

	private SpringAotMode() {
	}

	static boolean enabled() {
		return Boolean.getBoolean("spring.aot.enabled");
	}

	/**
	 * The JVM options that start a child sample app the way this run starts its tests.
	 * @return {@code -Dspring.aot.enabled=true} under Spring AOT, else nothing
	 */
	static List<String> jvmOptions() {
		return enabled() ? List.of("-Dspring.aot.enabled=true") : List.of();
	}

}
