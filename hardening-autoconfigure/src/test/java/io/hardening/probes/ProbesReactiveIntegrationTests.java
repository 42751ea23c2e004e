package io.hardening.probes;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = ProbesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1" })
@ExtendWith(BlockHoundInstalled.class)
class ProbesReactiveIntegrationTests extends AbstractProbesIntegrationTests {

}
