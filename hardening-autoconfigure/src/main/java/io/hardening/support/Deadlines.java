package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds a whole stream in time with one timer per subscription.
 * <p>
 * A deadline built as {@code takeUntilOther(Mono.delay(d).then(Mono.error(...)))} does
 * not cancel the stream when it fires (reactor-core#4230: an error of the other publisher
 * reaches the subscriber but leaves the source running), so a model call past its budget
 * would keep its HTTP connection open. {@code takeUntilOther} with a value does cancel
 * it, so the timer emits a value and the error follows the cancellation. {@code timeout}
 * with a per-element timer would cancel too, but it cancels and schedules a timer on
 * every element: the timer queue was about 6% of a loaded streaming endpoint's CPU
 * samples, part of it from that (docs/performance.md).
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
			AtomicBoolean expired = new AtomicBoolean();
			Mono<Long> timer = Mono.delay(budget).doOnNext((tick) -> expired.set(true));
			return source.takeUntilOther(timer)
				.concatWith(Flux.defer(() -> expired.get() ? Flux.error(error) : Flux.empty()));
		});
	}

}
