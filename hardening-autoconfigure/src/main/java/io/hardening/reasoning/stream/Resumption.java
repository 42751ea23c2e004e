package io.hardening.reasoning.stream;

/**
 * What a reconnecting client can get from a run.
 */
enum Resumption {

	/**
	 * Events it missed, live if the run goes on.
	 */
	AVAILABLE,

	/**
	 * Nothing: the run ended and the client saw its last event.
	 */
	NOTHING_MISSED,

	/**
	 * Nothing that makes sense: the run was cancelled, or the events it missed are no
	 * longer kept.
	 */
	UNAVAILABLE

}
