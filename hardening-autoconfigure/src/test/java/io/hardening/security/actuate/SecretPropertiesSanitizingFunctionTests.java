package io.hardening.security.actuate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPropertiesSanitizingFunctionTests {

	private final SecretPropertiesSanitizingFunction function = new SecretPropertiesSanitizingFunction();

	@Test
	void masksEverySpellingOfTheStartersSecrets() {
		for (String key : List.of("hardening.admin.token", "HARDENING_ADMIN_TOKEN", "hardening.security.api-keys",
				"hardening.security.api-keys[0]", "hardening.security.api-keys[12]", "hardening.security.apiKeys",
				"HARDENING_SECURITY_API_KEYS", "HARDENING_SECURITY_APIKEYS_1", "hardening.reasoning.gemini-api.api-key",
				"hardening.reasoning.geminiApi.apiKey", "HARDENING_REASONING_GEMINI_API_KEY",
				"HARDENING_REASONING_GEMINIAPI_APIKEY", "HARDENING_REASONING_GEMINI_API_API_KEY")) {
			assertThat(apply(key, "s3cret")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void leavesOtherPropertiesAlone() {
		for (String key : List.of("hardening.admin.enabled", "hardening.security.enabled",
				"hardening.reasoning.gemini-api.base-url", "hardening.reasoning.provider", "server.port",
				"hardening.admin.token-hint", "my.hardening.admin.token.copy")) {
			assertThat(apply(key, "visible")).as(key).isEqualTo("visible");
		}
	}

	@Test
	void masksListValues() {
		SanitizableData data = new SanitizableData(null, "hardening.security.apiKeys", List.of("a", "b"));
		assertThat(this.function.apply(data).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void masksSecretArgumentsInTheJavaCommandAndKeepsTheRest() {
		String command = "io.hardening.sample.SampleApplication --server.port=8081 --hardening.admin.token=t0ken"
				+ " --hardening.security.api-keys=key-one,key-two positional"
				+ " --hardening.reasoning.gemini-api.api-key=AIzaKey --HARDENING_SECURITY_API_KEYS_1=key-three";
		assertThat(apply("sun.java.command", command))
			.isEqualTo("io.hardening.sample.SampleApplication --server.port=8081 --hardening.admin.token=******"
					+ " --hardening.security.api-keys=****** --hardening.reasoning.gemini-api.api-key=******"
					+ " --HARDENING_SECURITY_API_KEYS_1=******");
	}

	@Test
	void masksASecretValueThatHeldASpaceUpToTheNextArgument() {
		assertThat(apply("sun.java.command", "app.jar --hardening.admin.token=two words --debug"))
			.isEqualTo("app.jar --hardening.admin.token=****** --debug");
	}

	@Test
	void masksSecretSystemPropertiesInJavaOptionVariables() {
		assertThat(apply("JAVA_TOOL_OPTIONS", "-Xmx512m -Dhardening.admin.token=t0ken -Dfile.encoding=UTF-8"))
			.isEqualTo("-Xmx512m -Dhardening.admin.token=****** -Dfile.encoding=UTF-8");
	}

	@Test
	void leavesACommandWithoutSecretsAsItIs() {
		String command = "app.jar --server.port=8081 --hardening.admin.enabled=true --my.hardening.admin.token=x";
		assertThat(apply("sun.java.command", command)).isEqualTo(command);
	}

	@Test
	void masksASpringApplicationJsonDocumentThatSetsTheStartersProperties() {
		String json = "{\"hardening\":{\"admin\":{\"token\":\"t0ken\"}}}";
		assertThat(apply("SPRING_APPLICATION_JSON", json)).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(apply("spring.application.json", json)).isEqualTo(SanitizableData.SANITIZED_VALUE);
		String other = "{\"server\":{\"port\":8081}}";
		assertThat(apply("SPRING_APPLICATION_JSON", other)).isEqualTo(other);
	}

	private Object apply(String key, Object value) {
		MapPropertySource source = new MapPropertySource("test", Map.of(key, value));
		return this.function.applyUnlessFiltered(new SanitizableData(source, key, value)).getValue();
	}

}
