package io.hardening.reasoning.gemini;

/**
 * Gemini's answers and error bodies in Google's exact JSON shapes, as Google's
 * documentation and real answers show them (see FACTS.md, "Gemini's wire format"): for
 * stand-ins of the Gemini API.
 */
public final class GoogleAnswers {

	/**
	 * Vertex AI's 429 message.
	 */
	public static final String VERTEX_429_MESSAGE = "Resource exhausted. Please try again later. Please refer to "
			+ "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.";

	private GoogleAnswers() {
	}

	/**
	 * A frame of a streamed answer with text only.
	 * @param text the text, JSON-escaped
	 * @return the frame's JSON
	 */
	public static String chunk(String text) {
		return "{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"" + text
				+ "\"}]}}], \"modelVersion\": \"gemini-2.5-flash\", \"responseId\": \"abc123\"}";
	}

	/**
	 * A frame with text and a cumulative {@code usageMetadata}, as every frame of a real
	 * answer carries.
	 * @param text the text, JSON-escaped
	 * @param finishReason the candidate's finishReason, {@code null} for none
	 * @param prompt promptTokenCount
	 * @param candidates candidatesTokenCount
	 * @param thoughts thoughtsTokenCount, 0 leaves it out (as Google does)
	 * @param cached cachedContentTokenCount, 0 leaves it out
	 * @return the frame's JSON
	 */
	public static String chunk(String text, String finishReason, int prompt, int candidates, int thoughts, int cached) {
		StringBuilder usage = new StringBuilder("{\"promptTokenCount\": " + prompt);
		if (candidates > 0) {
			usage.append(", \"candidatesTokenCount\": ").append(candidates);
		}
		if (thoughts > 0) {
			usage.append(", \"thoughtsTokenCount\": ").append(thoughts);
		}
		if (cached > 0) {
			usage.append(", \"cachedContentTokenCount\": ").append(cached);
		}
		usage.append(", \"totalTokenCount\": ")
			.append(prompt + candidates + thoughts)
			.append(", \"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": ")
			.append(prompt)
			.append("}]}");
		return "{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"" + text + "\"}]}"
				+ ((finishReason != null) ? ", \"finishReason\": \"" + finishReason + "\"" : "") + "}]"
				+ ", \"usageMetadata\": " + usage
				+ ", \"modelVersion\": \"gemini-2.5-flash\", \"responseId\": \"abc123\"}";
	}

	/**
	 * A frame of thoughts only (a thinking model with includeThoughts).
	 * @param text the thought
	 * @return the frame's JSON
	 */
	public static String thought(String text) {
		return "{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"" + text
				+ "\", \"thought\": true}]}}], \"usageMetadata\": {\"promptTokenCount\": 4, \"thoughtsTokenCount\": 12,"
				+ " \"totalTokenCount\": 16}}";
	}

	/**
	 * A blocked prompt: no candidates, a {@code promptFeedback.blockReason}.
	 * @param reason the blockReason, such as {@code SAFETY}
	 * @return the frame's JSON
	 */
	public static String blockedPrompt(String reason) {
		return "{\"promptFeedback\": {\"blockReason\": \"" + reason + "\", \"safetyRatings\": [{\"category\": "
				+ "\"HARM_CATEGORY_DANGEROUS_CONTENT\", \"probability\": \"HIGH\"}]}, \"usageMetadata\": "
				+ "{\"promptTokenCount\": 8, \"totalTokenCount\": 8}}";
	}

	/**
	 * Google's 429 with a {@code RetryInfo} and a per-minute {@code QuotaFailure}, as the
	 * Gemini Developer API answers a burst.
	 * @param retryDelay the retryDelay, such as {@code "57.238747106s"}
	 * @return the body
	 */
	public static String rateLimited(String retryDelay) {
		return quota(retryDelay, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
	}

	/**
	 * Google's 429 for a daily quota: a {@code QuotaFailure} whose quotaId has
	 * {@code PerDay}, and a RetryInfo all the same.
	 * @return the body
	 */
	public static String dailyQuota() {
		return quota("21.5s", "GenerateRequestsPerDayPerProjectPerModel-FreeTier");
	}

	private static String quota(String retryDelay, String quotaId) {
		return """
				{
				  "error": {
				    "code": 429,
				    "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash\\nPlease retry in %s.",
				    "status": "RESOURCE_EXHAUSTED",
				    "details": [
				      {
				        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
				        "violations": [
				          {
				            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
				            "quotaId": "%s",
				            "quotaDimensions": {
				              "location": "global",
				              "model": "gemini-2.5-flash"
				            },
				            "quotaValue": "10"
				          }
				        ]
				      },
				      {
				        "@type": "type.googleapis.com/google.rpc.Help",
				        "links": [
				          {
				            "description": "Learn more about Gemini API quotas",
				            "url": "https://ai.google.dev/gemini-api/docs/rate-limits"
				          }
				        ]
				      },
				      {
				        "@type": "type.googleapis.com/google.rpc.RetryInfo",
				        "retryDelay": "%s"
				      }
				    ]
				  }
				}
				"""
			.formatted(retryDelay, quotaId, retryDelay);
	}

	/**
	 * Vertex AI's 429, in the array its streaming endpoint answers with.
	 * @return the body
	 */
	public static String vertexRateLimitedArray() {
		return "[{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"" + VERTEX_429_MESSAGE
				+ "\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n]";
	}

	/**
	 * A 429 whose {@code ErrorInfo} says the model has no capacity left.
	 * @param model the model
	 * @return the body
	 */
	public static String capacityExhausted(String model) {
		return """
				{
				  "error": {
				    "code": 429,
				    "message": "No capacity available for model %s on the server",
				    "status": "RESOURCE_EXHAUSTED",
				    "details": [
				      {
				        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
				        "reason": "MODEL_CAPACITY_EXHAUSTED",
				        "domain": "googleapis.com",
				        "metadata": {
				          "model": "%s"
				        }
				      }
				    ]
				  }
				}
				""".formatted(model, model);
	}

	/**
	 * Google's 503 when a model is overloaded.
	 * @return the body
	 */
	public static String overloaded() {
		return "{\n  \"error\": {\n    \"code\": 503,\n    \"message\": \"The model is overloaded. Please try again later.\",\n"
				+ "    \"status\": \"UNAVAILABLE\"\n  }\n}\n";
	}

	/**
	 * Google's 500.
	 * @return the body
	 */
	public static String internal() {
		return "{\n  \"error\": {\n    \"code\": 500,\n    \"message\": \"An internal error has occurred. Please retry or "
				+ "report in https://developers.generativeai.google/guide/troubleshooting\",\n"
				+ "    \"status\": \"INTERNAL\"\n  }\n}\n";
	}

}
