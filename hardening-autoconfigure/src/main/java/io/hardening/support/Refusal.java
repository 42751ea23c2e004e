package io.hardening.support;

/**
 * A request a filter refuses: the status, the JSON error body every refusal of the
 * starter has ({@code {"error": ..., "code": ...}}) and the {@code WWW-Authenticate}
 * challenge to send with it, if any. The servlet and reactive writers of
 * {@code io.hardening.support.web} write it; the verdicts that make one know no web type.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param challenge the {@code WWW-Authenticate} value, {@code null} for none
 */
public record Refusal(int status, String body, String challenge) {

	/**
	 * Creates a refusal. The code and message are the starter's own constants, written
	 * into the JSON as they are.
	 * @param status the HTTP status
	 * @param code the machine-readable error code
	 * @param message what the client should know
	 * @param challenge the {@code WWW-Authenticate} value, {@code null} for none
	 * @return the refusal
	 */
	public static Refusal of(int status, String code, String message, String challenge) {
		return new Refusal(status, "{\"error\":\"" + message + "\",\"code\":\"" + code + "\"}", challenge);
	}

}
