package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test class's Gemini stand-in, started with the class and stopped after it, and a
 * stream client to the application under test for each test, connected once the
 * application is ready. Each test starts with the circuit breakers closed and their
 * windows empty: the application is shared by the class's tests, and a breaker that the
 * tests before opened (or that a load-slowed call tipped over) would otherwise refuse the
 * calls a test counts, in its reruns too. Registered as a static
 * {@code @RegisterExtension} field of a {@code @SpringBootTest} with a random port; the
 * class's {@code @DynamicPropertySource} calls {@link #register}.
 */
final class StandInApplication implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final GeminiStandIn standIn = GeminiStandIn.start();

	private ReasoningStreamClient client;

	GeminiStandIn standIn() {
		return this.standIn;
	}

	ReasoningStreamClient client() {
		return this.client;
	}

	/**
	 * Points the application's Gemini API client at the stand-in and its filesystem
	 * storage at the given folder.
	 * @param registry the test class's dynamic properties
	 * @param storage the storage folder, read when the application starts
	 */
	void register(DynamicPropertyRegistry registry, Supplier<Path> storage) {
		registry.add("hardening.reasoning.gemini-api.base-url", this.standIn::baseUrl);
		registry.add("hardening.storage.filesystem.path", () -> storage.get().toString());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.standIn.reset();
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		application.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		String port = application.getEnvironment().getProperty("local.server.port");
		this.client = new ReasoningStreamClient(Integer.parseInt(port));
		this.client.awaitReady();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.client.close();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.standIn.close();
	}

}
