package io.hardening.reasoning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model call cost in tokens, as the model reported it last (Gemini sends
 * cumulative figures on every chunk of a streamed answer; the last chunk's are final). A
 * figure the model did not report is 0.
 *
 * @param promptTokens tokens of the prompt, cached ones included
 * @param outputTokens tokens of the answer, thoughts excluded
 * @param thinkingTokens tokens the model spent thinking
 * @param cachedTokens tokens of the prompt served from a cache
 * @param totalTokens all of them, as the model counted them
 */
public record TokenUsage(int promptTokens, int outputTokens, int thinkingTokens, int cachedTokens, int totalTokens) {

	/**
	 * The usage as a JSON object, snake_case keys: {@code prompt_tokens},
	 * {@code output_tokens}, {@code thinking_tokens}, {@code cached_tokens},
	 * {@code total_tokens}.
	 * @return the usage
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("prompt_tokens", this.promptTokens);
		map.put("output_tokens", this.outputTokens);
		map.put("thinking_tokens", this.thinkingTokens);
		map.put("cached_tokens", this.cachedTokens);
		map.put("total_tokens", this.totalTokens);
		return map;
	}

}
