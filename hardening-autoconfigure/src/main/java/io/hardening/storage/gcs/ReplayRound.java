package io.hardening.storage.gcs;

/**
 * What one replay round of the spool did.
 *
 * @param remoteAnswered whether GCS answered the round's bucket check
 * @param delivered how many spooled records GCS now holds
 */
public record ReplayRound(boolean remoteAnswered, int delivered) {

	/**
	 * A round that did not reach GCS: nothing to replay, backing off, or GCS did not
	 * answer.
	 */
	public static final ReplayRound IDLE = new ReplayRound(false, 0);

}
