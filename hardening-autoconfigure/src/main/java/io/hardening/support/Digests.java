package io.hardening.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests of secrets, so that a presented secret is compared with a configured
 * one in a time that depends neither on where they differ nor on their lengths
 * ({@link MessageDigest#isEqual} on two digests of one length).
 */
public final class Digests {

	private Digests() {
	}

	/**
	 * The SHA-256 digest of a text's UTF-8 bytes.
	 * @param value the text
	 * @return its 32-byte digest
	 */
	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
