package io.hardening.support.web;

import java.time.Duration;

import io.hardening.support.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveRefusalsTests {

	@Test
	void writeSendsStatusJsonBodyAndChallenge() {
		MockServerHttpResponse response = new MockServerHttpResponse();
		ReactiveRefusals.write(response, Refusal.of(401, "api_key_invalid", "Not valid", "ApiKey header=\"X-API-Key\""))
			.block(Duration.ofSeconds(5));
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("ApiKey header=\"X-API-Key\"");
		assertThat(response.getBodyAsString().block(Duration.ofSeconds(5)))
			.isEqualTo("{\"error\":\"Not valid\",\"code\":\"api_key_invalid\"}");
	}

	@Test
	void writeWithoutChallengeSendsNone() {
		MockServerHttpResponse response = new MockServerHttpResponse();
		ReactiveRefusals.write(response, Refusal.of(403, "admin_token_invalid", "Wrong token", null))
			.block(Duration.ofSeconds(5));
		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
	}

}
