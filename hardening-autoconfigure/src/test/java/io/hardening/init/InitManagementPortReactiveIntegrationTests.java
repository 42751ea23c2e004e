package io.hardening.init;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = InitTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"management.server.port=0", "management.server.address=127.0.0.1",
				// Tomcat and Netty are both on the test class path; a reactive app has
				// one.
				"spring.autoconfigure.exclude=" + AbstractInitManagementPortIntegrationTests.TOMCAT_REACTIVE_MANAGEMENT,
				"hardening.init.retry.initial-interval=50ms", "hardening.init.retry.max-interval=100ms",
				"hardening.admin.token=" + AbstractInitManagementPortIntegrationTests.TOKEN })
class InitManagementPortReactiveIntegrationTests extends AbstractInitManagementPortIntegrationTests {

}
