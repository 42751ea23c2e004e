package io.hardening.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of the benchmarks: a plain Spring Boot WebFlux + Actuator application with
 * no code of its own, serving {@code /live}, {@code /ready}, {@code /health} and
 * {@code /healthz} on the main port through Boot's health groups.
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

}
