package io.hardening.probes;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = SanitizedHealthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"management.endpoint.health.show-details=always", "hardening.storage.enabled=false" })
class SanitizedHealthReactiveIntegrationTests extends AbstractSanitizedHealthIntegrationTests {

}
