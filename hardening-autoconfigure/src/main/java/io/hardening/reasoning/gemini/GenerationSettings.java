package io.hardening.reasoning.gemini;

/**
 * How a Gemini model generates its answers, sent with every call as
 * {@code generationConfig}, {@code generationConfig.thinkingConfig} and
 * {@code systemInstruction}. A {@code null} field is left out: Google's default applies.
 *
 * @param temperature randomness of the answer, 0.0 to 2.0
 * @param maxOutputTokens most tokens of an answer; a longer one is cut and finishes with
 * {@code max_tokens}
 * @param thinkingLevel how much a Gemini 3 model thinks: {@code minimal}, {@code low},
 * {@code medium} or {@code high}
 * @param thinkingBudget most tokens a Gemini 2.5 model thinks, -1 for the model to
 * decide, 0 for none
 * @param systemInstruction instruction given to the model before the query
 */
public record GenerationSettings(Double temperature, Integer maxOutputTokens, String thinkingLevel,
		Integer thinkingBudget, String systemInstruction) {

	/**
	 * Google's defaults for everything.
	 */
	public static final GenerationSettings DEFAULTS = new GenerationSettings(null, null, null, null, null);

}
