package io.hardening.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound before the first test of the class that extends with it runs: from
 * then on, sleeping, waiting or I/O on a thread that must never block (a Netty event
 * loop, a Reactor {@code parallel} or {@code single} thread) throws
 * {@code BlockingOperationError} where it happens, so the test fails instead of a stream
 * stalling under load. What is allowed anyway is {@link AllowedBlockingCalls}'. The test
 * classes that run the starter's reactive code (streams, probes, storage, the Gemini
 * client, bad requests over WebFlux) extend with it; every test class runs in a JVM of
 * its own, and the instrumentation costs one to four seconds of each, so the others do
 * not. Installed here rather than by BlockHound's JUnit Platform listener, which Surefire
 * also loads in Maven's own JVM.
 */
public final class BlockHoundInstalled implements BeforeAllCallback {

	static {
		BlockHound.install();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// Installed by the class initializer, once per JVM.
	}

}
