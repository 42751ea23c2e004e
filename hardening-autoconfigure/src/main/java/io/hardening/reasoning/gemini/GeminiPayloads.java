package io.hardening.reasoning.gemini;

import java.util.List;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
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

	private final JsonMapper mapper;

	GeminiPayloads(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Body of a generateContent, streamGenerateContent or countTokens call:
	 * {@code {"contents":[{"role":"user","parts":[{"text":...}]}]}}.
	 */
	String request(String text) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode contents = body.putArray("contents");
		ObjectNode content = contents.addObject();
		content.put("role", "user");
		content.putArray("parts").addObject().put("text", text);
		return this.mapper.writeValueAsString(body);
	}

	/**
	 * Text of a response (a whole answer or one streamed frame), thought parts left out.
	 * A frame without candidates gives an empty text; an error inside the frame, or a
	 * blocked prompt, is thrown.
	 */
	String text(String model, String where, String json) {
		JsonNode root = parse(model, json);
		StringBuilder text = new StringBuilder();
		for (JsonNode response : (root.isArray() ? root : List.of(root))) {
			if (response.has("error")) {
				throw GeminiErrors.toException(model, where, 0, response.toString(), this.mapper);
			}
			String blockReason = response.path("promptFeedback").path("blockReason").asString("");
			if (!blockReason.isEmpty()) {
				throw new ModelException(Kind.BAD_REQUEST, model,
						"Google blocked the prompt to model '" + model + "' (blockReason " + blockReason + ")");
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
