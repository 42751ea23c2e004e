package io.hardening.reasoning.autoconfigure;

import static io.hardening.support.PropertyChecks.httpUrl;

/**
 * The Gemini Developer API.
 */
public class GeminiApiProperties {

	/**
	 * API key, sent in the x-goog-api-key header. Set it through the
	 * HARDENING_REASONING_GEMINI_API_KEY environment variable rather than a file.
	 */
	private String apiKey;

	/**
	 * Base URL of the API.
	 */
	private String baseUrl = "https://generativelanguage.googleapis.com";

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = httpUrl("hardening.reasoning.gemini-api.base-url", baseUrl);
	}

}
