package io.hardening.support;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SanitizerTests {

	@Test
	void sanitizeMasksBearerToken() {
		assertThat(Sanitizer.sanitize("401 for header Authorization: Bearer abc.DEF-123_x/y=="))
			.isEqualTo("401 for header Authorization: Bearer ***")
			.doesNotContain("abc");
	}

	@Test
	void sanitizeMasksGoogleApiKey() {
		String text = "API key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW not valid";
		assertThat(Sanitizer.sanitize(text)).isEqualTo("API key *** not valid");
	}

	@Test
	void sanitizeMasksOauthAccessToken() {
		assertThat(Sanitizer.sanitize("token ya29.a0AfH6SMB-x_y.z expired")).isEqualTo("token *** expired");
	}

	@Test
	void sanitizeMasksPrivateKeyBlock() {
		String text = "bad credentials {\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n"
				+ "-----END PRIVATE KEY-----\\n\", \"type\": \"service_account\"}";
		String sanitized = Sanitizer.sanitize(text);
		assertThat(sanitized).doesNotContain("MIIEvQIBADANBg")
			.doesNotContain("BEGIN PRIVATE")
			.contains("service_account");
	}

	@Test
	void sanitizeMasksTruncatedPrivateKeyBlock() {
		assertThat(Sanitizer.sanitize("key: -----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBg"))
			.doesNotContain("MIIEvQIBADANBg");
	}

	@Test
	void sanitizeMasksCredentialsInUrl() {
		assertThat(Sanitizer.sanitize("cannot reach https://admin:s3cret@storage.example.com/b/x"))
			.isEqualTo("cannot reach https://***@storage.example.com/b/x");
	}

	@Test
	void urlPasswordWithoutUserIsMasked() {
		assertThat(Sanitizer.sanitize("Unable to connect to redis://:s3cret@cache:6379"))
			.isEqualTo("Unable to connect to redis://***@cache:6379");
		assertThat(Sanitizer.sanitize("jdbc:postgresql://app:s3cret@db:5432/x"))
			.isEqualTo("jdbc:postgresql://***@db:5432/x");
		assertThat(Sanitizer.sanitize("http://cache:6379/0")).isEqualTo("http://cache:6379/0");
	}

	@Test
	void sanitizeMasksKeyTokenAndPasswordValues() {
		assertThat(Sanitizer.sanitize("GET /v1?key=abc123&alt=sse")).isEqualTo("GET /v1?key=***&alt=sse");
		assertThat(Sanitizer.sanitize("refresh failed: token=xyz789")).isEqualTo("refresh failed: token=***");
		assertThat(Sanitizer.sanitize("login password=hunter2 refused")).isEqualTo("login password=*** refused");
		assertThat(Sanitizer.sanitize("api_key=abc access_token=def")).isEqualTo("api_key=*** access_token=***");
		assertThat(Sanitizer.sanitize("{\"password\": \"hunter2\"}")).isEqualTo("{\"password\": \"***\"}");
		assertThat(Sanitizer.sanitize("x-goog-api-key: abc")).isEqualTo("x-goog-api-key: ***");
	}

	@Test
	void sanitizeKeepsOrdinaryText() {
		String text = "Model gemini-2.5-flash not found in location us-central1 (404 NOT_FOUND)";
		assertThat(Sanitizer.sanitize(text)).isEqualTo(text);
	}

	@Test
	void sanitizeWithLimitCutsAfterMasking() {
		String text = "x".repeat(600) + " token=secret";
		assertThat(Sanitizer.sanitize(text, 500)).hasSize(500).endsWith("...");
		assertThat(Sanitizer.sanitize("short", 500)).isEqualTo("short");
		assertThat(Sanitizer.sanitize(null, 500)).isNull();
	}

	@Test
	void describeUsesMessageOnOneLineOrTypeName() {
		assertThat(Sanitizer.describe(new IOException("line one\n\tat Foo.bar(Foo.java:1) password=x")))
			.isEqualTo("line one at Foo.bar(Foo.java:1) password=***");
		assertThat(Sanitizer.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
	}

}
