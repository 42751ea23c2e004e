package io.hardening.reasoning.web;

import java.time.Duration;

/**
 * One streaming call the stand-in received.
 */
final class StandInCall {

	private final String model;

	private final String body;

	private final long startNanos = System.nanoTime();

	private volatile boolean finished;

	private volatile long clientClosedNanos = -1;

	StandInCall(String model, String body) {
		this.model = model;
		this.body = body;
	}

	void finish() {
		this.finished = true;
	}

	void clientClosed() {
		this.clientClosedNanos = System.nanoTime();
	}

	String model() {
		return this.model;
	}

	/**
	 * The request body the client sent.
	 */
	String body() {
		return this.body;
	}

	/**
	 * When the stand-in received the call, on {@link System#nanoTime()}.
	 */
	long startNanos() {
		return this.startNanos;
	}

	/**
	 * Whether the whole answer was sent.
	 */
	boolean finished() {
		return this.finished;
	}

	/**
	 * Whether the client closed the connection before the answer was done.
	 */
	boolean closedByClient() {
		return this.clientClosedNanos >= 0;
	}

	/**
	 * Time from the request to the stand-in noticing the client had closed.
	 */
	Duration closedAfter() {
		return closedByClient() ? Duration.ofNanos(this.clientClosedNanos - this.startNanos) : null;
	}

}
