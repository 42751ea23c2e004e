package io.hardening.reasoning.gemini;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Where a {@link GeminiClient} sends its calls and how it authenticates them: Gemini on
 * Vertex AI and the Gemini Developer API speak the same protocol on different paths.
 */
public interface GeminiEndpoint {

	/**
	 * Path of a method of a model, relative to the base URL, without a query.
	 * @param model the model id
	 * @param method the method, such as {@code generateContent}
	 * @return the path
	 */
	String path(String model, String method);

	/**
	 * Headers that authenticate a call. Implementations that block (token refresh) do so
	 * off the caller's thread.
	 * @return the header names and values
	 */
	Mono<Map<String, List<String>>> headers();

	/**
	 * Where a model is served, for messages, such as
	 * {@code in location 'global' of project 'p'}.
	 * @param model the model id
	 * @return the description
	 */
	String where(String model);

	/**
	 * Checks the configuration and credentials before any call, blocking allowed.
	 * @throws Exception with a message that says what to set when something is missing
	 */
	void verify() throws Exception;

}
