package io.hardening.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = BadRequestsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=10ms",
				"hardening.reasoning.simulated.pro-latency=10ms", "hardening.reasoning.persist-runs=false",
				"hardening.storage.max-document-size=64KB",
				"hardening.admin.token=" + AbstractBadRequestsIntegrationTests.TOKEN })
class BadRequestsServletIntegrationTests extends AbstractBadRequestsIntegrationTests {

}
