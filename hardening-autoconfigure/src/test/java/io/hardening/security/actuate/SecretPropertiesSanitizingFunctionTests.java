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

	private Object apply(String key, Object value) {
		MapPropertySource source = new MapPropertySource("test", Map.of(key, value));
		return this.function.applyUnlessFiltered(new SanitizableData(source, key, value)).getValue();
	}

}
