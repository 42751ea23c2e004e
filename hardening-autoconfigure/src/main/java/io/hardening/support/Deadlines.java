package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds a stream in time with Reactor's own operators, one timer per budget.
 * <p>
 * When a budget is spent the stream is cancelled, then fails: a model call past its
 * budget must not keep its HTTP connection open. The first-element budget is
 * {@code timeout(first, next)} whose next timeouts never fire (no timer per element); the
 * total budget is {@code takeUntilOther} on one delay, which cancels the source (an
 * erroring {@code takeUntilOther} would not, reactor-core#4230), followed by the error
 * when the delay is what ended it.
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
			return source.takeUntilOther(Mono.delay(budget).doOnNext((tick) -> expired.set(true)))
				.concatWith(Mono.defer(() -> expired.get() ? Mono.error(error.get()) : Mono.empty()));
		});
	}

	/**
	 * Lets a stream wait at most {@code first} for its first element and run for at most
	 * {@code budget} from its subscription; then cancels it and fails with
	 * {@code lateFirst}, or {@code late} once an element came.
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
		return within(Flux.defer(() -> source.timeout(Mono.delay(first), (element) -> Mono.never(),
				Flux.defer(() -> Flux.error(lateFirst.get())))), budget, late);
	}

}
