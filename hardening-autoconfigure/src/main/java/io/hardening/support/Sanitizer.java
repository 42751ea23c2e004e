package io.hardening.support;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from error texts before they are shown anywhere: bearer tokens, Google
 * API keys and OAuth tokens, private key blocks, {@code key=}, {@code token=},
 * {@code password=} values and credentials in URLs are replaced by {@code ***}.
 */
public final class Sanitizer {

	/**
	 * What every secret is replaced by.
	 */
	public static final String MASK = "***";

	private static final List<Rule> RULES = List.of(
			// A whole private key block, or the rest of the text after a truncated one.
			new Rule("-----BEGIN[A-Z ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END[A-Z ]*PRIVATE KEY-----|[\\s\\S]*)", MASK),
			new Rule("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+", "$1" + MASK), new Rule("AIza[0-9A-Za-z_-]{10,}", MASK),
			new Rule("ya29\\.[0-9A-Za-z_.-]+", MASK),
			// user:password@ and :password@ (a Redis URL has no user).
			new Rule("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]*:[^/\\s@]*@", "$1" + MASK + "@"),
			// name=value and "name": "value", where the name ends in key, token, password
			// or
			// secret (api_key, access_token, x-goog-api-key, client_secret).
			new Rule("(?i)([a-z0-9_-]*(?:key|token|password|passwd|secret)\"?\\s*[=:]\\s*\"?)[^\\s&\"',;}]+",
					"$1" + MASK));

	private Sanitizer() {
	}

	/**
	 * Returns the text with every secret masked.
	 * @param text the text, may be {@code null}
	 * @return the sanitized text, or {@code null} when the text was {@code null}
	 */
	public static String sanitize(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (Rule rule : RULES) {
			result = rule.apply(result);
		}
		return result;
	}

	/**
	 * Returns the text with every secret masked, cut to at most {@code maxLength}
	 * characters. Secrets are masked before the cut, so a cut never reveals part of one.
	 * @param text the text, may be {@code null}
	 * @param maxLength the longest result
	 * @return the sanitized text, or {@code null} when the text was {@code null}
	 */
	public static String sanitize(String text, int maxLength) {
		String result = sanitize(text);
		if (result == null || result.length() <= maxLength) {
			return result;
		}
		return result.substring(0, Math.max(0, maxLength - 3)) + "...";
	}

	/**
	 * Describes a failure for people: its message (or its type when it has none),
	 * sanitized. Never a stack trace.
	 * @param failure the failure
	 * @return a one-line description
	 */
	public static String describe(Throwable failure) {
		String message = failure.getMessage();
		String text = (message != null && !message.isBlank()) ? message : failure.getClass().getSimpleName();
		return sanitize(text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
	}

	private record Rule(Pattern pattern, String replacement) {

		Rule(String regex, String replacement) {
			this(Pattern.compile(regex), replacement);
		}

		String apply(String text) {
			return this.pattern.matcher(text).replaceAll(this.replacement);
		}

	}

}
