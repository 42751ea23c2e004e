package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds a whole stream in time with one pending timer per subscription.
 * <p>
 * A deadline built as {@code takeUntilOther(Mono.delay(d).then(Mono.error(...)))} does
 * not cancel the stream when it fires (reactor-core#4230: an error of the other publisher
 * reaches the subscriber but leaves the source running), so a model call past its budget
 * would keep its HTTP connection open. {@code takeUntilOther} with a value does cancel
 * it, so the timer emits a value and the error follows the cancellation. {@code timeout}
 * with a per-element timer would cancel too, but it cancels and schedules a timer on
 * every element: the timer queue was about 6% of a loaded streaming endpoint's CPU
 * samples, part of it from that (docs/performance.md).
 * <p>
 * A first-element budget and a total budget share one timer: it first runs to the
 * first-element budget and, when an element came in time, once more to the total.
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

	/**
	 * Lets a stream wait at most {@code first} for its first element and run for at most
	 * {@code budget} from its subscription; then cancels it and fails with
	 * {@code lateFirst}, or {@code late} once an element came. Only one timer is pending
	 * at a time.
	 * @param <T> the type of the elements
	 * @param source the stream
	 * @param first the longest wait for the first element
	 * @param lateFirst the error when no element came within {@code first}
	 * @param budget the longest time it may run
	 * @param late the error once the budget is spent
	 * @return the bounded stream
	 */
	public static <T> Flux<T> within(Flux<T> source, Duration first, Supplier<? extends Throwable> lateFirst,
			Duration budget, Supplier<? extends Throwable> late) {
		if (first.compareTo(budget) >= 0) {
			return within(source, budget, late);
		}
		Duration rest = budget.minus(first);
		return Flux.defer(() -> {
			Expiry<T> expiry = new Expiry<>();
			Mono<Boolean> timer = Mono.delay(first)
				.flatMap((tick) -> expiry.started ? Mono.delay(rest).thenReturn(true) : Mono.just(false))
				.doOnNext((started) -> expiry.error = started ? late : lateFirst);
			return source.doOnNext(expiry)
				.takeUntilOther(timer)
				.concatWith(Flux.defer(() -> (expiry.error != null) ? Flux.error(expiry.error) : Flux.empty()));
		});
	}

	/**
	 * Whether a stream has sent an element, and why its time ran out.
	 */
	private static final class Expiry<T> implements Consumer<T> {

		volatile boolean started;

		volatile Supplier<? extends Throwable> error;

		@Override
		public void accept(T element) {
			if (!this.started) {
				this.started = true;
			}
		}

	}

}
