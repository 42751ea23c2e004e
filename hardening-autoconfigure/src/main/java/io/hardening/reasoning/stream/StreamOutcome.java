package io.hardening.reasoning.stream;

import java.util.Locale;

/**
 * How a stream ended, as counted by {@code hardening_reasoning_streams_total{outcome}}.
 */
public enum StreamOutcome {

	/**
	 * Both models answered.
	 */
	COMPLETE,

	/**
	 * One model answered, the other failed.
	 */
	PARTIAL,

	/**
	 * The stream failed as a whole: both models failed, or the application shut down.
	 */
	ERROR,

	/**
	 * The client left and did not come back within the reconnect grace.
	 */
	CANCELLED,

	/**
	 * The stream was refused before it started: models not initialized, too many streams,
	 * or shutting down.
	 */
	REJECTED;

	/**
	 * The value of the {@code outcome} tag.
	 * @return the lower-case name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
