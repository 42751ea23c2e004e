package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test class's Gemini stand-in, started with the class and stopped after it, and a
 * stream client to the application under test for each test, connected once the
 * application is ready. Registered as a static {@code @RegisterExtension} field of a
 * {@code @SpringBootTest} with a random port; the class's {@code @DynamicPropertySource}
 * calls {@link #register}.
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
		String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
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
