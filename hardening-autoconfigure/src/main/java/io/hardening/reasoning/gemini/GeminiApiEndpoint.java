package io.hardening.reasoning.gemini;

import java.util.List;
import java.util.Map;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import reactor.core.publisher.Mono;

import org.springframework.util.StringUtils;

/**
 * The Gemini Developer API: {@code {base-url}/v1beta/models/{model}:{method}}, the API
 * key sent in the {@code x-goog-api-key} header, never in the URL.
 */
public class GeminiApiEndpoint implements GeminiEndpoint {

	/**
	 * Base URL of Google's Gemini Developer API.
	 */
	public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

	static final String API_KEY_HEADER = "x-goog-api-key";

	private static final String MISSING_KEY = "hardening.reasoning.gemini-api.api-key is not set: "
			+ "set HARDENING_REASONING_GEMINI_API_KEY to a Gemini API key";

	private final String apiKey;

	/**
	 * Creates the endpoint.
	 * @param apiKey the API key, may be empty (calls then fail with a clear message)
	 */
	public GeminiApiEndpoint(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public String path(String model, String method) {
		return "/v1beta/models/" + model + ":" + method;
	}

	@Override
	public Mono<Map<String, List<String>>> headers() {
		if (!StringUtils.hasText(this.apiKey)) {
			return Mono.error(() -> new ModelException(Kind.NOT_CONFIGURED, null, MISSING_KEY));
		}
		return Mono.just(Map.of(API_KEY_HEADER, List.of(this.apiKey)));
	}

	@Override
	public String where(String model) {
		return "on the Gemini Developer API";
	}

	@Override
	public void verify() {
		if (!StringUtils.hasText(this.apiKey)) {
			throw new IllegalStateException(MISSING_KEY);
		}
	}

	@Override
	public String toString() {
		return "GeminiApiEndpoint[api-key " + (StringUtils.hasText(this.apiKey) ? "set" : "not set") + "]";
	}

}
