package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds a whole stream in time. A deadline built as
 * {@code takeUntilOther(Mono.delay(d).then(Mono.error(...)))} does not cancel the stream
 * when it fires (reactor-core#4230: an error of the other publisher reaches the
 * subscriber but leaves the source running), so a model call past its budget would keep
 * its HTTP connection open. {@code timeout} cancels it.
 */
public final class Deadlines {

	private Deadlines() {
	}

	/**
	 * Lets a stream run for at most {@code budget} from its subscription; then cancels it
	 * and fails with the given error.
	 * @param <T> the type of the elements
	 * @param source the stream
	 * @param budget the longest time it may run
	 * @param error the error once the budget is spent
	 * @return the bounded stream
	 */
	public static <T> Flux<T> within(Flux<T> source, Duration budget, Supplier<? extends Throwable> error) {
		return Flux.defer(() -> {
			long deadline = now() + budget.toNanos();
			// Each element restarts timeout's timer: start it with what is left.
			return source.timeout(Mono.delay(budget), (element) -> Mono.delay(remaining(deadline)), Flux.error(error));
		});
	}

	// The clock of the scheduler that runs Mono.delay, virtual time in tests included.
	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - now()));
	}

}
