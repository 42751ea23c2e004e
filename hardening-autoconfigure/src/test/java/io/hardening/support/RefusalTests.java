package io.hardening.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTests {

	@Test
	void ofWritesTheStartersErrorBody() {
		Refusal refusal = Refusal.of(401, "api_key_missing", "This API needs a key", "ApiKey");
		assertThat(refusal.status()).isEqualTo(401);
		assertThat(refusal.body()).isEqualTo("{\"error\":\"This API needs a key\",\"code\":\"api_key_missing\"}");
		assertThat(refusal.challenge()).isEqualTo("ApiKey");
	}

}
