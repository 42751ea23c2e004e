package io.hardening.admin;

import java.security.MessageDigest;

import io.hardening.support.Digests;
import io.hardening.support.Refusal;

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
		this.expectedDigest = StringUtils.hasText(token) ? Digests.sha256(token) : null;
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
		byte[] presented = Digests.sha256(authorizationHeader.substring(BEARER.length()).strip());
		return MessageDigest.isEqual(this.expectedDigest, presented) ? Verdict.GRANTED : Verdict.WRONG;
	}

	/**
	 * What a request gets.
	 */
	public enum Verdict {

		/**
		 * The token matches.
		 */
		GRANTED(null),

		/**
		 * No bearer token was sent.
		 */
		MISSING(Refusal.of(401, "admin_token_missing", "Admin writes need an 'Authorization: Bearer <token>' header",
				"Bearer")),

		/**
		 * A bearer token was sent and does not match.
		 */
		WRONG(Refusal.of(403, "admin_token_invalid", "The admin token is wrong", null)),

		/**
		 * No admin token is configured, so admin writes are refused.
		 */
		NOT_CONFIGURED(Refusal.of(403, "admin_token_not_configured",
				"Admin writes are disabled: no admin token is configured (set hardening.admin.token, "
						+ "for example with the HARDENING_ADMIN_TOKEN environment variable)",
				null));

		private final Refusal refusal;

		Verdict(Refusal refusal) {
			this.refusal = refusal;
		}

		/**
		 * What a refused request gets: 401 with a {@code Bearer} challenge when no token
		 * was sent, 403 otherwise.
		 * @return the refusal, {@code null} when granted
		 */
		public Refusal refusal() {
			return this.refusal;
		}

		/**
		 * HTTP status of a refusal.
		 * @return the status code, 200 when granted
		 */
		public int status() {
			return (this.refusal != null) ? this.refusal.status() : 200;
		}

		/**
		 * JSON error body of a refusal, {@code {"error": ..., "code": ...}}.
		 * @return the body, {@code null} when granted
		 */
		public String body() {
			return (this.refusal != null) ? this.refusal.body() : null;
		}

	}

}
