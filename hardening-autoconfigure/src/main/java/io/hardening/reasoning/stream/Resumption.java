package io.hardening.reasoning.stream;

/**
 * What a reconnecting client can get from a run held here.
 */
enum Resumption {

	/**
	 * Events it missed, live if the run goes on; the connection holds a stream slot.
	 */
	AVAILABLE,

	/**
	 * Nothing: the run ended and the client saw its last event.
	 */
	NOTHING_MISSED,

	/**
	 * Nothing that makes sense: the run was cancelled, belongs to another API key, or the
	 * id is beyond what the run sent.
	 */
	UNAVAILABLE,

	/**
	 * Every stream slot is taken.
	 */
	NO_SLOT

}
