package io.hardening.reasoning.stream;

/**
 * A stream was refused before it started.
 */
public class StreamRejectedException extends RuntimeException {

	private final Reason reason;

	StreamRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why the stream was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a stream was refused.
	 */
	public enum Reason {

		/**
		 * The model client is not initialized yet.
		 */
		NOT_INITIALIZED,

		/**
		 * As many streams as allowed are running.
		 */
		TOO_MANY_STREAMS,

		/**
		 * The application is shutting down.
		 */
		SHUTTING_DOWN

	}

}
