package io.hardening.reasoning.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether a client may resume a run: the digest of its API key against the run's owner,
 * compared in constant time.
 */
final class Owners {

	private Owners() {
	}

	/**
	 * Whether a requester is a run's owner.
	 * @param owner the run's owner, {@code null} for nobody in particular
	 * @param requester who asks, {@code null} for nobody in particular
	 * @return whether both are the same digest, or both {@code null}
	 */
	static boolean same(String owner, String requester) {
		if (owner == null || requester == null) {
			return owner == null && requester == null;
		}
		return MessageDigest.isEqual(owner.getBytes(StandardCharsets.US_ASCII),
				requester.getBytes(StandardCharsets.US_ASCII));
	}

}
