package io.hardening.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.util.StringUtils;

/**
 * Checks an {@code Authorization: Bearer} header against the admin token in constant
 * time. With no token configured every request is refused: admin writes are never open by
 * default.
 */
public final class AdminTokenVerifier {

	private static final String BEARER = "bearer ";

	private final byte[] expectedDigest;

	/**
	 * Creates a verifier.
	 * @param token the admin token, {@code null} or empty when none is configured
	 */
	public AdminTokenVerifier(String token) {
		this.expectedDigest = StringUtils.hasText(token) ? sha256(token) : null;
	}

	/**
	 * Judges one request.
	 * @param authorizationHeader the {@code Authorization} header, may be {@code null}
	 * @return the verdict
	 */
	public Verdict verify(String authorizationHeader) {
		if (this.expectedDigest == null) {
			return Verdict.NOT_CONFIGURED;
		}
		if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
				|| !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Verdict.MISSING;
		}
		// Comparing digests keeps the time independent of where the tokens differ and of
		// their lengths.
		byte[] presented = sha256(authorizationHeader.substring(BEARER.length()).strip());
		return MessageDigest.isEqual(this.expectedDigest, presented) ? Verdict.GRANTED : Verdict.WRONG;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * What a request gets.
	 */
	public enum Verdict {

		/**
		 * The token matches.
		 */
		GRANTED(200, null, null),

		/**
		 * No bearer token was sent.
		 */
		MISSING(401, "admin_token_missing", "Admin writes need an 'Authorization: Bearer <token>' header"),

		/**
		 * A bearer token was sent and does not match.
		 */
		WRONG(403, "admin_token_invalid", "The admin token is wrong"),

		/**
		 * No admin token is configured, so admin writes are refused.
		 */
		NOT_CONFIGURED(403, "admin_token_not_configured",
				"Admin writes are disabled: no admin token is configured (set hardening.admin.token, "
						+ "for example with the HARDENING_ADMIN_TOKEN environment variable)");

		private final int status;

		private final String code;

		private final String message;

		Verdict(int status, String code, String message) {
			this.status = status;
			this.code = code;
			this.message = message;
		}

		/**
		 * HTTP status of a refusal.
		 * @return the status code
		 */
		public int status() {
			return this.status;
		}

		/**
		 * JSON error body of a refusal, {@code {"error": ..., "code": ...}}.
		 * @return the body, {@code null} when granted
		 */
		public String body() {
			return (this == GRANTED) ? null : "{\"error\":\"" + this.message + "\",\"code\":\"" + this.code + "\"}";
		}

	}

}
