package io.hardening.bench;

import java.nio.file.Path;

/**
 * What every part needs: the built jars, the output folder and the run's scale.
 *
 * @param sampleJar the sample app's executable jar (the starter with its defaults)
 * @param baselineJar the plain Boot WebFlux + Actuator app's executable jar
 * @param sampleSpringAotJar the sample app's jar built with Spring AOT
 * ({@code -Pspring-aot}), or {@code null} when it was not built
 * @param baselineSpringAotJar the plain Boot app's jar built with Spring AOT, or
 * {@code null} when it was not built
 * @param librariesJar the plain Boot app with the starter's libraries and none of its
 * code ({@code bench/libraries-app}), or {@code null} when it was not built
 * @param librariesSpringAotJar that app built with Spring AOT, or {@code null}
 * @param outputDirectory where results, logs and the chart go
 * @param quick shorter runs and fewer rounds, to check the harness itself works
 */
public record BenchContext(Path sampleJar, Path baselineJar, Path sampleSpringAotJar, Path baselineSpringAotJar,
		Path librariesJar, Path librariesSpringAotJar, Path outputDirectory, boolean quick) {

	public Path logFile(String name) {
		return this.outputDirectory.resolve("logs").resolve(name + ".log");
	}

}
