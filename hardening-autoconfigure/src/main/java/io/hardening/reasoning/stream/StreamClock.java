package io.hardening.reasoning.stream;

import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Schedulers;

/**
 * Time as the scheduler that runs the streams' timers sees it, so that durations and
 * timeouts agree, virtual time in tests included.
 */
final class StreamClock {

	private StreamClock() {
	}

	static long nanoTime() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

}
