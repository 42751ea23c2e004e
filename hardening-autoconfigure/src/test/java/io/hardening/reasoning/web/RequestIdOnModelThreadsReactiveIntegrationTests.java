package io.hardening.reasoning.web;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The request id on the model calls' threads in a reactive application, carried by the
 * Reactor context.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=100ms",
				"hardening.reasoning.simulated.pro-latency=200ms", "hardening.storage.enabled=false" })
@Import(AbstractRequestIdOnModelThreadsIntegrationTests.Listener.class)
@ExtendWith(BlockHoundInstalled.class)
class RequestIdOnModelThreadsReactiveIntegrationTests extends AbstractRequestIdOnModelThreadsIntegrationTests {

}
