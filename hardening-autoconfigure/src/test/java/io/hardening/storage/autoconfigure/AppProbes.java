package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the storage integration tests ask of a running application: its readiness, its
 * health, and a folder of its own.
 */
final class AppProbes {

	private AppProbes() {
	}

	static int readyStatus(WebTestClient client) {
		return client.get().uri("/ready").exchange().returnResult(String.class).getStatus().value();
	}

	static JsonNode health(WebTestClient client) {
		String body = client.get().uri("/health").exchange().expectBody(String.class).returnResult().getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	static Path tempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
