package io.hardening.reasoning.stream;

/**
 * The {@code Last-Event-ID} a reconnecting client sends: {@code {run id}:{sequence}}.
 *
 * @param runId the run's id
 * @param after the sequence of the last event the client saw
 */
record LastEventId(String runId, long after) {

	/**
	 * Reads a {@code Last-Event-ID}.
	 * @param value what the client sent, {@code null} for nothing
	 * @return the id, {@code null} when it is not one
	 */
	static LastEventId parse(String value) {
		int colon = (value != null) ? value.lastIndexOf(':') : -1;
		if (colon <= 0) {
			return null;
		}
		long after = sequence(value.substring(colon + 1));
		return (after >= 0) ? new LastEventId(value.substring(0, colon), after) : null;
	}

	private static long sequence(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
