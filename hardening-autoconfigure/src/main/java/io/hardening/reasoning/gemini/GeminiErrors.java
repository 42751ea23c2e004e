package io.hardening.reasoning.gemini;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Google's error answers, {@code {"error":{"code","message","status"}}} or the same
 * inside an array on streaming calls, into a {@link ModelException} with a clear message.
 */
final class GeminiErrors {

	private static final int MAX_DETAIL_LENGTH = 300;

	private GeminiErrors() {
	}

	/**
	 * Maps an error answer.
	 * @param model the model that was called
	 * @param where where the model is served, for messages
	 * @param httpStatus the HTTP status, 0 for an error inside a streamed frame
	 * @param body the body of the answer, may be empty or not JSON
	 * @param mapper reads the body
	 * @return the exception
	 */
	static ModelException toException(String model, String where, int httpStatus, String body, JsonMapper mapper) {
		JsonNode error = error(body, mapper);
		int status = (httpStatus != 0) ? httpStatus : error.path("code").asInt(0);
		String googleStatus = error.path("status").asString("");
		String googleMessage = error.path("message").asString("");
		if (error.isMissingNode() && body != null) {
			googleMessage = body.strip();
		}
		String detail = "(" + status + (googleStatus.isEmpty() ? "" : " " + googleStatus)
				+ (googleMessage.isEmpty() ? "" : ": " + shorten(googleMessage)) + ")";
		String quoted = "'" + model + "'";
		Kind kind = kind(status, googleStatus);
		String message = switch (kind) {
			case BAD_REQUEST -> "Google rejected the request to model " + quoted + " as invalid " + detail;
			case UNAUTHENTICATED -> "Google did not accept the credentials for model " + quoted + " " + detail;
			case PERMISSION_DENIED -> "Permission denied for model " + quoted + " " + where
					+ ": check the credentials or API key and that the API is enabled " + detail;
			case NOT_FOUND -> "Model " + quoted + " was not found " + where
					+ ": it may be retired or not served there; check the model id " + detail;
			case RATE_LIMITED -> "Rate limit or quota exceeded for model " + quoted + " " + detail;
			case UNAVAILABLE -> "Model " + quoted + " is unavailable " + detail;
			case TIMEOUT -> "Model " + quoted + " timed out on Google's side " + detail;
			default -> "Model " + quoted + " failed " + detail;
		};
		return new ModelException(kind, model, httpStatus, message, null);
	}

	private static Kind kind(int status, String googleStatus) {
		if (status == 400) {
			return Kind.BAD_REQUEST;
		}
		if (status == 401) {
			return Kind.UNAUTHENTICATED;
		}
		if (status == 403) {
			return Kind.PERMISSION_DENIED;
		}
		if (status == 404) {
			return Kind.NOT_FOUND;
		}
		if (status == 429 || "RESOURCE_EXHAUSTED".equals(googleStatus)) {
			return Kind.RATE_LIMITED;
		}
		if (status == 504 || "DEADLINE_EXCEEDED".equals(googleStatus)) {
			return Kind.TIMEOUT;
		}
		if (status >= 500) {
			return Kind.UNAVAILABLE;
		}
		return Kind.FAILED;
	}

	private static JsonNode error(String body, JsonMapper mapper) {
		if (body == null || body.isBlank()) {
			return mapper.missingNode();
		}
		try {
			JsonNode root = mapper.readTree(body);
			JsonNode first = root.isArray() ? root.path(0) : root;
			return first.path("error");
		}
		catch (JacksonException ex) {
			return mapper.missingNode();
		}
	}

	private static String shorten(String text) {
		String oneLine = text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
		return (oneLine.length() <= MAX_DETAIL_LENGTH) ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH - 3) + "...";
	}

}
