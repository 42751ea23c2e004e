package io.hardening.security;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;

import io.hardening.support.Digests;
import io.hardening.support.Refusal;

import org.springframework.util.StringUtils;

/**
 * Checks an {@code X-API-Key} header against the configured API keys in constant time.
 * Several keys may be valid at once, so that a key can be rotated without downtime.
 */
public final class ApiKeyVerifier {

	/**
	 * Header that carries the API key.
	 */
	public static final String HEADER = "X-API-Key";

	/**
	 * {@code WWW-Authenticate} challenge sent with a refusal.
	 */
	public static final String CHALLENGE = "ApiKey header=\"" + HEADER + "\"";

	private final List<byte[]> keyDigests;

	private final BiPredicate<byte[], byte[]> equality;

	/**
	 * Creates a verifier. Blank keys are ignored and surrounding whitespace (such as the
	 * newline at the end of a mounted secret file) is removed.
	 * @param keys the accepted keys, empty when no key is needed
	 */
	public ApiKeyVerifier(Collection<String> keys) {
		this(keys, MessageDigest::isEqual);
	}

	ApiKeyVerifier(Collection<String> keys, BiPredicate<byte[], byte[]> equality) {
		this.keyDigests = keys.stream().filter(StringUtils::hasText).map(String::strip).map(Digests::sha256).toList();
		this.equality = equality;
	}

	/**
	 * Whether any key is configured, that is whether requests need one.
	 * @return whether a key is needed
	 */
	public boolean isEnabled() {
		return !this.keyDigests.isEmpty();
	}

	/**
	 * How many keys are accepted.
	 * @return the number of keys
	 */
	public int keyCount() {
		return this.keyDigests.size();
	}

	/**
	 * Judges one request.
	 * @param presentedKey the {@code X-API-Key} header, may be {@code null}
	 * @return the verdict, {@link Verdict#GRANTED} when no key is configured
	 */
	public Verdict verify(String presentedKey) {
		if (!isEnabled()) {
			return Verdict.GRANTED;
		}
		if (!StringUtils.hasText(presentedKey)) {
			return Verdict.MISSING;
		}
		// Digests have one length whatever was sent, and every key is compared without
		// stopping at a match: the time says nothing about which key matched or how
		// much of one.
		byte[] presented = Digests.sha256(presentedKey.strip());
		boolean matched = false;
		for (byte[] key : this.keyDigests) {
			matched |= this.equality.test(key, presented);
		}
		return matched ? Verdict.GRANTED : Verdict.INVALID;
	}

	/**
	 * What a request gets.
	 */
	public enum Verdict {

		/**
		 * A key matches, or none is needed.
		 */
		GRANTED(null),

		/**
		 * No key was sent.
		 */
		MISSING(Refusal.of(401, "api_key_missing", "This API needs an 'X-API-Key' header", CHALLENGE)),

		/**
		 * A key was sent and matches none of the configured keys.
		 */
		INVALID(Refusal.of(401, "api_key_invalid", "The API key is not valid", CHALLENGE));

		private final Refusal refusal;

		Verdict(Refusal refusal) {
			this.refusal = refusal;
		}

		/**
		 * What a refused request gets: 401 with a {@link #CHALLENGE} for both.
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
