package io.hardening.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's acceptance: a whole reactive application run with an admin token, two API
 * keys and a Gemini API key, with every Actuator endpoint exposed and showing values.
 * Every answer and every log line of the run, startup included, is scanned for the four
 * secrets. The secrets come on the command line, as {@code java -jar app.jar
 * --hardening.admin.token=...} passes them (issue 21): as arguments to the application,
 * and in the {@code sun.java.command} system property the JVM sets to the same line. The
 * Gemini key is also set in the spelling another property source holds it in (an
 * environment-style variable).
 * <p>
 * Each attempt starts its own application: the scan of the start-up's log lines would
 * find none in a cached context, so a rerun could never pass. The models' budgets are
 * shorter than the client's wait, so a stream that stops says where (a model that sent
 * nothing, or no answer at all).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecretsNeverShownIntegrationTests.SecretsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=10ms",
				"hardening.reasoning.simulated.pro-latency=10ms", "hardening.reasoning.flash.first-token-timeout=10s",
				"hardening.reasoning.pro.first-token-timeout=10s", "hardening.reasoning.timeout=20s",
				"hardening.storage.mode=filesystem",
				"HARDENING_REASONING_GEMINI_API_KEY=" + SecretsNeverShownIntegrationTests.GEMINI_KEY,
				"management.endpoints.web.exposure.include=*", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always" },
		args = { "--hardening.admin.token=" + SecretsNeverShownIntegrationTests.ADMIN_TOKEN,
				"--hardening.security.api-keys=" + SecretsNeverShownIntegrationTests.API_KEY_ONE + ","
						+ SecretsNeverShownIntegrationTests.API_KEY_TWO,
				"--hardening.reasoning.gemini-api.api-key=" + SecretsNeverShownIntegrationTests.GEMINI_KEY })
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(BlockHoundInstalled.class)
class SecretsNeverShownIntegrationTests {

	static final String ADMIN_TOKEN = "admin-token-5f0c7e21d9";

	static final String API_KEY_ONE = "api-key-one-8d3b6a14ce";

	static final String API_KEY_TWO = "api-key-two-27e9f0b5a1";

	static final String GEMINI_KEY = "AIzaSyTestGeminiKey-4c81a2f7e6d3";

	private static final List<String> SECRETS = List.of(ADMIN_TOKEN, API_KEY_ONE, API_KEY_TWO, GEMINI_KEY);

	private static final String JAVA_COMMAND = "sun.java.command";

	private static String javaCommandOfTheFork;

	@TempDir
	static Path root;

	@LocalServerPort
	private int port;

	private final List<String> answers = new ArrayList<>();

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> root.toString());
	}

	// What the JVM sets for java -cp ... SecretsApplication followed by the arguments.
	@BeforeAll
	static void javaCommandHoldsTheArguments() {
		javaCommandOfTheFork = System.getProperty(JAVA_COMMAND);
		String[] args = SecretsNeverShownIntegrationTests.class.getAnnotation(SpringBootTest.class).args();
		System.setProperty(JAVA_COMMAND, SecretsApplication.class.getName() + " " + String.join(" ", args));
	}

	@AfterAll
	static void restoreJavaCommand() {
		if (javaCommandOfTheFork != null) {
			System.setProperty(JAVA_COMMAND, javaCommandOfTheFork);
		}
	}

	@Test
	void noAnswerAndNoLogLineOfTheRunHoldsASecret(CapturedOutput output) {
		call(HttpMethod.GET, "/health", null, null, null);
		call(HttpMethod.GET, "/ready", null, null, null);
		String env = call(HttpMethod.GET, "/actuator/env", null, null, null);
		String configprops = call(HttpMethod.GET, "/actuator/configprops", null, null, null);
		call(HttpMethod.GET, "/actuator/env/hardening.admin.token", null, null, null);
		call(HttpMethod.GET, "/actuator/env/HARDENING_REASONING_GEMINI_API_KEY", null, null, null);
		String javaCommand = call(HttpMethod.GET, "/actuator/env/" + JAVA_COMMAND, null, null, null);
		call(HttpMethod.GET, "/actuator/init", null, null, null);
		call(HttpMethod.POST, "/actuator/init/vertexAi", "Authorization", "Bearer wrong-token", null);
		call(HttpMethod.POST, "/actuator/init/vertexAi", "Authorization", "Bearer " + ADMIN_TOKEN, null);
		call(HttpMethod.POST, "/api/storage/experiment", "X-API-Key", API_KEY_ONE,
				"{\"experiment_id\":\"secrets-run\",\"result\":{},\"metadata\":{}}");
		String list = call(HttpMethod.GET, "/api/storage/experiments", "X-API-Key", API_KEY_TWO, null);
		String stream = call(HttpMethod.GET, "/api/reasoning/query?query=secrets", "X-API-Key", API_KEY_TWO, null);
		String refused = call(HttpMethod.GET, "/api/storage/experiments", null, null, null);
		call(HttpMethod.GET, "/api/storage/experiments", "X-API-Key", "wrong-key", null);
		call(HttpMethod.GET, "/actuator/prometheus", null, null, null);
		call(HttpMethod.GET, "/actuator/conditions", null, null, null);
		call(HttpMethod.GET, "/actuator/beans", null, null, null);

		// The properties are there, masked: the scan below is not vacuous.
		assertThat(env).contains("commandLineArgs")
			.contains("hardening.admin.token")
			.contains("hardening.reasoning.gemini-api.api-key")
			.contains("HARDENING_REASONING_GEMINI_API_KEY")
			.contains("hardening.security.api-keys")
			.contains(JAVA_COMMAND)
			.contains("******");
		assertThat(javaCommand).contains(SecretsApplication.class.getName())
			.contains("--hardening.admin.token=******")
			.contains("--hardening.security.api-keys=******")
			.contains("--hardening.reasoning.gemini-api.api-key=******");
		assertThat(configprops).contains("hardening.security").contains("hardening.admin").contains("******");
		assertThat(list).contains("secrets-run");
		assertThat(stream).contains("event:flash_complete").contains("event:pro_complete").contains("event:complete");
		assertThat(refused).contains("api_key_missing");
		for (String answer : this.answers) {
			assertThat(answer).doesNotContain(SECRETS);
		}
		assertThat(output.getAll()).contains("Started").doesNotContain(SECRETS).doesNotContain(" ERROR ");
	}

	private String call(HttpMethod method, String path, String header, String value, String json) {
		String answer = WebClient.create("http://127.0.0.1:" + this.port)
			.method(method)
			.uri(path)
			.headers((headers) -> {
				if (header != null) {
					headers.set(header, value);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue((json != null) ? json : "")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> response.statusCode().value() + " " + response.headers().asHttpHeaders() + " " + body))
			.block(Duration.ofSeconds(30));
		this.answers.add(answer);
		return answer;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SecretsApplication {

	}

}
