package io.hardening.web;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = BadRequestsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=10ms",
				"hardening.reasoning.simulated.pro-latency=10ms", "hardening.reasoning.persist-runs=false",
				"hardening.storage.max-document-size=64KB",
				"hardening.admin.token=" + AbstractBadRequestsIntegrationTests.TOKEN })
@ExtendWith(BlockHoundInstalled.class)
class BadRequestsReactiveIntegrationTests extends AbstractBadRequestsIntegrationTests {

}
