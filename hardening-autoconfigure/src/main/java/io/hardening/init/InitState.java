package io.hardening.init;

/**
 * Where a tracked component stands.
 */
public enum InitState {

	/**
	 * No attempt has started yet.
	 */
	PENDING,

	/**
	 * An attempt is running.
	 */
	INITIALIZING,

	/**
	 * The last attempt succeeded.
	 */
	READY,

	/**
	 * The last attempt failed or timed out; a retry may be scheduled.
	 */
	FAILED

}
