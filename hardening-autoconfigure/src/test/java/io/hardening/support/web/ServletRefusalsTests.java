package io.hardening.support.web;

import io.hardening.support.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ServletRefusalsTests {

	@Test
	void writeSendsStatusJsonBodyAndChallenge() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServletRefusals.write(response, Refusal.of(401, "admin_token_missing", "Needs a token", "Bearer"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getCharacterEncoding()).isEqualTo("UTF-8");
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
		assertThat(response.getContentAsString())
			.isEqualTo("{\"error\":\"Needs a token\",\"code\":\"admin_token_missing\"}");
	}

	@Test
	void writeWithoutChallengeSendsNone() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServletRefusals.write(response, Refusal.of(403, "admin_token_invalid", "Wrong token", null));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
	}

}
