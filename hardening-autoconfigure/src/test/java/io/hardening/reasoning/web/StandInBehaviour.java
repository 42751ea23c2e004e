package io.hardening.reasoning.web;

import java.time.Duration;

/**
 * How a model answers a streaming call.
 *
 * @param kind normal, stalling after the first frame, or closing after it
 * @param frames frames of a normal answer
 * @param interval pause between two frames
 * @param firstFrameDelay pause before the first frame
 * @param status the HTTP status; anything but 200 answers with Google's error JSON
 */
record StandInBehaviour(Kind kind, int frames, Duration interval, Duration firstFrameDelay, int status) {

	static StandInBehaviour normal(int frames, Duration interval) {
		return new StandInBehaviour(Kind.NORMAL, frames, interval, Duration.ZERO, 200);
	}

	static StandInBehaviour firstFrameAfter(Duration delay) {
		return new StandInBehaviour(Kind.NORMAL, 3, Duration.ofMillis(20), delay, 200);
	}

	static StandInBehaviour stallAfterFirstFrame() {
		return new StandInBehaviour(Kind.STALL, 1, Duration.ZERO, Duration.ZERO, 200);
	}

	static StandInBehaviour closeAfterFirstFrame() {
		return new StandInBehaviour(Kind.CLOSE, 1, Duration.ZERO, Duration.ZERO, 200);
	}

	static StandInBehaviour failing(int status) {
		return new StandInBehaviour(Kind.NORMAL, 0, Duration.ZERO, Duration.ZERO, status);
	}

	enum Kind {

		NORMAL, STALL, CLOSE

	}

}
