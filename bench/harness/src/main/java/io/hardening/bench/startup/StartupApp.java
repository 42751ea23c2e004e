package io.hardening.bench.startup;

import java.nio.file.Path;
import java.util.List;

import io.hardening.bench.BenchContext;

/**
 * The applications the start-up part compares, each on a port of its own.
 */
enum StartupApp {

	/**
	 * The sample app: the starter with its defaults (simulated models, filesystem
	 * storage).
	 */
	SAMPLE("sample", 18080),

	/**
	 * Plain Spring Boot WebFlux + Actuator ({@code bench/baseline-app}).
	 */
	BASELINE("baseline", 18081),

	/**
	 * The baseline with every library the starter brings and none of its code
	 * ({@code bench/libraries-app}): the sample against it is the starter's own cost.
	 * Left out of the runs where its jar was not built.
	 */
	LIBRARIES("libraries", 18082);

	private final String label;

	private final int port;

	StartupApp(String label, int port) {
		this.label = label;
		this.port = port;
	}

	String label() {
		return this.label;
	}

	int port() {
		return this.port;
	}

	/**
	 * The executable jar to start.
	 * @param context the built jars
	 * @param springAot the jar built with Spring AOT rather than the plain one
	 * @return the jar, or {@code null} when it was not built
	 */
	Path jar(BenchContext context, boolean springAot) {
		return switch (this) {
			case SAMPLE -> springAot ? context.sampleSpringAotJar() : context.sampleJar();
			case BASELINE -> springAot ? context.baselineSpringAotJar() : context.baselineJar();
			case LIBRARIES -> springAot ? context.librariesSpringAotJar() : context.librariesJar();
		};
	}

	/**
	 * Application arguments: the sample's run records go to the work folder.
	 * @param work the part's temporary folder
	 * @return the arguments
	 */
	List<String> arguments(Path work) {
		return (this == SAMPLE) ? List.of("--hardening.storage.filesystem.path=" + work.resolve("storage")) : List.of();
	}

}
