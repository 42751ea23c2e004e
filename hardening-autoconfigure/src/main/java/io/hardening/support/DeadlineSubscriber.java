package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The subscriber of one stream bounded by {@link Deadlines}: passes its signals through
 * and holds one pending timer; when the timer expires it cancels the stream and fails.
 * The lock orders the timer's error after any element being delivered, and only the first
 * of completion, error, expiry and cancellation counts.
 */
final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

	private final CoreSubscriber<? super T> actual;

	private final Duration first;

	private final Supplier<? extends Throwable> lateFirst;

	private final Duration rest;

	private final Supplier<? extends Throwable> late;

	private Subscription upstream;

	// Guarded by this.

	private boolean done;

	private boolean started;

	private boolean waitingForFirst;

	private Disposable timer;

	/**
	 * A stream that may wait {@code first} for its first element (with {@code lateFirst}
	 * when it does not come), then {@code rest} more (with {@code late}); without a first
	 * budget ({@code first} null) it runs for {@code rest} at most.
	 */
	DeadlineSubscriber(CoreSubscriber<? super T> actual, Duration first, Supplier<? extends Throwable> lateFirst,
			Duration rest, Supplier<? extends Throwable> late) {
		this.actual = actual;
		this.first = first;
		this.lateFirst = lateFirst;
		this.rest = rest;
		this.late = late;
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (!Operators.validate(this.upstream, subscription)) {
			return;
		}
		this.upstream = subscription;
		this.actual.onSubscribe(this);
		RejectedExecutionException rejected;
		synchronized (this) {
			this.waitingForFirst = this.first != null;
			rejected = schedule(this.waitingForFirst ? this.first : this.rest);
		}
		if (rejected != null) {
			expire(rejected);
		}
	}

	@Override
	public void onNext(T element) {
		synchronized (this) {
			if (this.done) {
				return;
			}
			this.started = true;
			this.actual.onNext(element);
		}
	}

	@Override
	public void onError(Throwable failure) {
		if (finish()) {
			this.actual.onError(failure);
		}
	}

	@Override
	public void onComplete() {
		if (finish()) {
			this.actual.onComplete();
		}
	}

	@Override
	public void request(long n) {
		this.upstream.request(n);
	}

	@Override
	public void cancel() {
		finish();
		this.upstream.cancel();
	}

	/**
	 * The timer: at the end of the first-element budget it goes on to the rest of the
	 * budget when an element came; otherwise the stream is late.
	 */
	@Override
	public void run() {
		Throwable error;
		synchronized (this) {
			if (this.done) {
				return;
			}
			if (this.waitingForFirst && this.started) {
				this.waitingForFirst = false;
				error = schedule(this.rest);
			}
			else {
				error = (this.waitingForFirst ? this.lateFirst : this.late).get();
			}
		}
		if (error != null) {
			expire(error);
		}
	}

	private void expire(Throwable error) {
		if (finish()) {
			this.upstream.cancel();
			this.actual.onError(error);
		}
	}

	// Called with the lock held; a scheduler that refuses the timer fails the stream.
	private RejectedExecutionException schedule(Duration delay) {
		if (this.done) {
			return null;
		}
		try {
			this.timer = Schedulers.parallel().schedule(this, delay.toNanos(), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (RejectedExecutionException ex) {
			return ex;
		}
	}

	private boolean finish() {
		Disposable pending;
		synchronized (this) {
			if (this.done) {
				return false;
			}
			this.done = true;
			pending = this.timer;
			this.timer = null;
		}
		if (pending != null) {
			pending.dispose();
		}
		return true;
	}

}
