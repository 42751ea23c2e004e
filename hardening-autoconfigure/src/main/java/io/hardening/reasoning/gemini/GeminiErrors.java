package io.hardening.reasoning.gemini;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Google's error answers into a {@link ModelException} with a clear message: the
 * object {@code {"error":{"code","message","status","details"}}}, the same inside an
 * array (Vertex's streaming endpoint), or inside a frame of a stream already started. Of
 * the {@code details} it reads {@code google.rpc.RetryInfo} (how long to wait),
 * {@code google.rpc.QuotaFailure} (a quota id with {@code PerDay} is a daily quota, not
 * worth retrying today) and {@code google.rpc.ErrorInfo} (its {@code reason}, such as
 * {@code MODEL_CAPACITY_EXHAUSTED}).
 */
final class GeminiErrors {

	private static final int MAX_DETAIL_LENGTH = 300;

	private static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";

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
		return toException(model, where, httpStatus, body, null, mapper);
	}

	/**
	 * Maps an error answer.
	 * @param model the model that was called
	 * @param where where the model is served, for messages
	 * @param httpStatus the HTTP status, 0 for an error inside a streamed frame
	 * @param body the body of the answer, may be empty or not JSON
	 * @param retryAfter the answer's {@code Retry-After} header, may be {@code null}
	 * @param mapper reads the body
	 * @return the exception
	 */
	static ModelException toException(String model, String where, int httpStatus, String body, String retryAfter,
			JsonMapper mapper) {
		JsonNode error = error(body, mapper);
		int status = (httpStatus != 0) ? httpStatus : error.path("code").asInt(0);
		String googleStatus = error.path("status").asString("");
		String googleMessage = error.path("message").asString("");
		if (error.isMissingNode() && body != null) {
			googleMessage = body.strip();
		}
		Details details = details(error.path("details"));
		Duration retryDelay = (details.retryDelay() != null) ? details.retryDelay() : retryAfter(retryAfter);
		String detail = "(" + status + (googleStatus.isEmpty() ? "" : " " + googleStatus)
				+ (details.reason().isEmpty() ? "" : " " + details.reason())
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
			case RATE_LIMITED -> ((details.dailyQuota() != null)
					? "Daily quota " + details.dailyQuota() + " exceeded for model " + quoted
							+ ": it resets the next day " + detail
					: "Rate limit or quota exceeded for model " + quoted + " " + detail);
			case UNAVAILABLE -> "Model " + quoted + " is unavailable " + detail;
			case TIMEOUT -> "Model " + quoted + " timed out on Google's side " + detail;
			default -> "Model " + quoted + " failed " + detail;
		};
		return new ModelException(kind, model, httpStatus, message, null, retryDelay, details.dailyQuota() != null);
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
		if (status >= 500 || "UNAVAILABLE".equals(googleStatus) || "INTERNAL".equals(googleStatus)) {
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

	private static Details details(JsonNode details) {
		Duration retryDelay = null;
		String dailyQuota = null;
		String reason = "";
		for (JsonNode detail : details) {
			String type = detail.path("@type").asString("");
			if (type.equals(TYPE_PREFIX + "RetryInfo")) {
				retryDelay = duration(detail.path("retryDelay"));
			}
			else if (type.equals(TYPE_PREFIX + "QuotaFailure")) {
				for (JsonNode violation : detail.path("violations")) {
					String quotaId = violation.path("quotaId").asString("");
					if (quotaId.contains("PerDay") && dailyQuota == null) {
						dailyQuota = quotaId;
					}
				}
			}
			else if (type.equals(TYPE_PREFIX + "ErrorInfo") && reason.isEmpty()) {
				reason = detail.path("reason").asString("");
			}
		}
		return new Details(retryDelay, dailyQuota, reason);
	}

	/**
	 * A protobuf {@code Duration} in JSON: {@code "57.238747106s"}, or an object with
	 * {@code seconds} and {@code nanos}.
	 */
	static Duration duration(JsonNode node) {
		if (node.isObject()) {
			return Duration.ofSeconds(node.path("seconds").asLong(0), node.path("nanos").asLong(0));
		}
		String text = node.asString("").strip();
		if (!text.endsWith("s")) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
			return (seconds.signum() < 0) ? null : Duration.ofSeconds(seconds.longValue(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * A {@code Retry-After} header: seconds, or an HTTP date.
	 */
	static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		try {
			long seconds = Long.parseLong(value);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	private static String shorten(String text) {
		String oneLine = text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
		return (oneLine.length() <= MAX_DETAIL_LENGTH) ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH - 3) + "...";
	}

	private record Details(Duration retryDelay, String dailyQuota, String reason) {
	}

}
