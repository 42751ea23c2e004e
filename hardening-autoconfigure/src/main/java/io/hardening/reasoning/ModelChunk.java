package io.hardening.reasoning;

/**
 * One piece of a streamed answer: its text, and what the model said about the answer so
 * far. The last chunk of an answer usually carries the finish reason and the final usage.
 *
 * @param text the piece of text, empty when the chunk carries none
 * @param finishReason why the model stopped, lower case ({@code stop},
 * {@code max_tokens}...), {@code null} until it says
 * @param usage the tokens used so far, {@code null} when the chunk reports none
 */
public record ModelChunk(String text, String finishReason, TokenUsage usage) {

	/**
	 * Why a model stopped when it ended normally.
	 */
	public static final String STOP = "stop";

	/**
	 * Why a model stopped when it reached its output token limit: the answer is cut.
	 */
	public static final String MAX_TOKENS = "max_tokens";

	public ModelChunk {
		text = (text != null) ? text : "";
	}

	/**
	 * A chunk of text only.
	 * @param text the text
	 * @return the chunk
	 */
	public static ModelChunk text(String text) {
		return new ModelChunk(text, null, null);
	}

}
