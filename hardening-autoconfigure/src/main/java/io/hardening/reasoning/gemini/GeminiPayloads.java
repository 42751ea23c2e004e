package io.hardening.reasoning.gemini;

import java.util.List;

import java.util.Locale;
import java.util.Set;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Gemini requests and reads Gemini responses, whole or one streamed frame at a
 * time.
 */
final class GeminiPayloads {

	/**
	 * The {@code finishReason}s of an answer Google stopped for its content.
	 */
	static final Set<String> BLOCKING_FINISH_REASONS = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
			"SPII", "IMAGE_SAFETY");

	private final JsonMapper mapper;

	GeminiPayloads(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Body of a countTokens call:
	 * {@code {"contents":[{"role":"user","parts":[{"text":...}]}]}}.
	 */
	String request(String text) {
		return request(text, GenerationSettings.DEFAULTS);
	}

	/**
	 * Body of a generateContent or streamGenerateContent call: the contents, and the
	 * settings that are set as {@code systemInstruction} and {@code generationConfig}.
	 */
	String request(String text, GenerationSettings settings) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode contents = body.putArray("contents");
		ObjectNode content = contents.addObject();
		content.put("role", "user");
		content.putArray("parts").addObject().put("text", text);
		if (settings.systemInstruction() != null) {
			body.putObject("systemInstruction").putArray("parts").addObject().put("text", settings.systemInstruction());
		}
		ObjectNode config = this.mapper.createObjectNode();
		if (settings.temperature() != null) {
			config.put("temperature", settings.temperature());
		}
		if (settings.maxOutputTokens() != null) {
			config.put("maxOutputTokens", settings.maxOutputTokens());
		}
		if (settings.thinkingLevel() != null) {
			config.putObject("thinkingConfig").put("thinkingLevel", settings.thinkingLevel());
		}
		else if (settings.thinkingBudget() != null) {
			config.putObject("thinkingConfig").put("thinkingBudget", settings.thinkingBudget());
		}
		if (!config.isEmpty()) {
			body.set("generationConfig", config);
		}
		return this.mapper.writeValueAsString(body);
	}

	/**
	 * One frame of a streamed answer: its text (thought parts left out), its finish
	 * reason in lower case and its usage. An error inside the frame, a blocked prompt or
	 * an answer stopped for its content is thrown.
	 */
	ModelChunk chunk(String model, String where, String json) {
		JsonNode root = parse(model, json);
		String text = text(model, where, root);
		String finishReason = null;
		TokenUsage usage = null;
		for (JsonNode response : (root.isArray() ? root : List.of(root))) {
			String reason = response.path("candidates").path(0).path("finishReason").asString("");
			if (!reason.isEmpty() && !"FINISH_REASON_UNSPECIFIED".equals(reason)) {
				finishReason = reason.toLowerCase(Locale.ROOT);
			}
			JsonNode metadata = response.path("usageMetadata");
			if (metadata.isObject()) {
				usage = new TokenUsage(metadata.path("promptTokenCount").asInt(0),
						metadata.path("candidatesTokenCount").asInt(0), metadata.path("thoughtsTokenCount").asInt(0),
						metadata.path("cachedContentTokenCount").asInt(0), metadata.path("totalTokenCount").asInt(0));
			}
		}
		return new ModelChunk(text, finishReason, usage);
	}

	/**
	 * Text of a response (a whole answer or one streamed frame), thought parts left out.
	 * A frame without candidates gives an empty text; an error inside the frame, or a
	 * blocked prompt, is thrown.
	 */
	String text(String model, String where, String json) {
		return text(model, where, parse(model, json));
	}

	private String text(String model, String where, JsonNode root) {
		StringBuilder text = new StringBuilder();
		for (JsonNode response : (root.isArray() ? root : List.of(root))) {
			if (response.has("error")) {
				throw GeminiErrors.toException(model, where, 0, response.toString(), this.mapper);
			}
			String blockReason = response.path("promptFeedback").path("blockReason").asString("");
			if (!blockReason.isEmpty()) {
				throw new ModelException(Kind.BLOCKED, model,
						"Google blocked the prompt to model '" + model + "' (blockReason " + blockReason + ")");
			}
			String finishReason = response.path("candidates").path(0).path("finishReason").asString("");
			if (BLOCKING_FINISH_REASONS.contains(finishReason)) {
				throw new ModelException(Kind.BLOCKED, model, "Google stopped the answer of model '" + model
						+ "' for its content (finishReason " + finishReason + ")");
			}
			for (JsonNode part : response.path("candidates").path(0).path("content").path("parts")) {
				if (!part.path("thought").asBoolean(false) && part.path("text").isString()) {
					text.append(part.path("text").asString());
				}
			}
		}
		return text.toString();
	}

	/**
	 * Total tokens of a countTokens answer.
	 */
	int totalTokens(String model, String json) {
		return parse(model, json).path("totalTokens").asInt(0);
	}

	private JsonNode parse(String model, String json) {
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new ModelException(Kind.FAILED, model, 0,
					"Could not read the answer of model '" + model + "': " + ex.getOriginalMessage(), ex);
		}
	}

}
