package io.hardening.support;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Bounds a whole stream in time with one pending timer per subscription.
 * <p>
 * When the timer expires the stream is cancelled, then fails: a model call past its
 * budget must not keep its HTTP connection open (a {@code takeUntilOther} with an error
 * does not cancel it, reactor-core#4230). {@code timeout} with a per-element timer would
 * cancel too, but it cancels and schedules a timer on every element: the timer queue was
 * about 6% of a loaded streaming endpoint's CPU samples, part of it from that
 * (docs/performance.md).
 * <p>
 * A first-element budget and a total budget share one timer: it first runs to the
 * first-element budget and, when an element came in time, once more to the total. The
 * whole deadline is one subscriber ({@link DeadlineSubscriber}) rather than a composition
 * of operators: each open stream holds it, and an operator chain for it was about a fifth
 * of what the starter added to an open SSE stream.
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
		return bounded(source, null, null, budget, error);
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
		return bounded(source, first, lateFirst, budget.minus(first), late);
	}

	private static <T> Flux<T> bounded(Flux<T> source, Duration first, Supplier<? extends Throwable> lateFirst,
			Duration rest, Supplier<? extends Throwable> late) {
		// Under automatic context propagation Reactor wraps the subscriber downstream of
		// a lifted one (reactor.core.publisher.Operators.LiftFunction), so that what the
		// lifted code signals restores the thread locals: one wrapper per subscription,
		// as a Flux of our own would get (docs/performance.md, Streaming).
		return source.transform(Operators
			.<T, T>lift((scannable, actual) -> new DeadlineSubscriber<>(actual, first, lateFirst, rest, late)));
	}

}
