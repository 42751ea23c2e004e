package io.hardening.autoconfigure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application with nothing but the starter's auto-configuration, run by the tests and
 * processed by Spring AOT ({@link AotProcessedHints}), which needs a {@code main}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class NativeHintsTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(NativeHintsTestApplication.class, args);
	}

}
