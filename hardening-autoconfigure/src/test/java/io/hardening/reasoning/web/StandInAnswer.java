package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.List;

/**
 * One scripted answer of the {@link GeminiStandIn} to a streaming call: an HTTP error
 * with Google's JSON body (and a {@code Retry-After} header when given), or a 200 stream
 * of {@code data:} frames, each a whole response JSON, that may end with the connection
 * cut.
 *
 * @param status the HTTP status
 * @param body the error body, for a status other than 200
 * @param retryAfter the {@code Retry-After} header, {@code null} for none
 * @param frames the frames of a 200 answer
 * @param interval pause before each frame after the first
 * @param cutAfterFrames whether the connection is cut after the frames, with no end
 */
record StandInAnswer(int status, String body, String retryAfter, List<String> frames, Duration interval,
		boolean cutAfterFrames) {

	static StandInAnswer error(int status, String body) {
		return new StandInAnswer(status, body, null, List.of(), Duration.ZERO, false);
	}

	static StandInAnswer error(int status, String body, String retryAfter) {
		return new StandInAnswer(status, body, retryAfter, List.of(), Duration.ZERO, false);
	}

	static StandInAnswer frames(String... frames) {
		return new StandInAnswer(200, null, null, List.of(frames), Duration.ofMillis(20), false);
	}

	static StandInAnswer framesThenCut(String... frames) {
		return new StandInAnswer(200, null, null, List.of(frames), Duration.ofMillis(20), true);
	}

}
