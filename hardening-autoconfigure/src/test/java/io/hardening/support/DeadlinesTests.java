package io.hardening.support;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTests {

	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);

	@Test
	void streamThatEndsInTimePassesThrough() {
		StepVerifier
			.withVirtualTime(() -> Deadlines.within(Flux.interval(Duration.ofSeconds(1)).take(3), Duration.ofSeconds(5),
					TimeoutException::new))
			.thenAwait(Duration.ofSeconds(3))
			.expectNext(0L, 1L, 2L)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void streamPastItsBudgetIsCancelledAndFails() {
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier
			.withVirtualTime(
					() -> Deadlines.within(Flux.interval(Duration.ofSeconds(1)).doOnCancel(() -> cancelled.set(true)),
							Duration.ofMillis(2500), () -> new TimeoutException("too late")))
			.thenAwait(Duration.ofSeconds(2))
			.expectNext(0L, 1L)
			.thenAwait(Duration.ofMillis(500))
			.expectErrorMessage("too late")
			.verify(VERIFY_TIMEOUT);
		assertThat(cancelled).isTrue();
	}

	@Test
	void silentStreamIsCancelledAtItsBudget() {
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier
			.withVirtualTime(() -> Deadlines.within(Flux.never().doOnCancel(() -> cancelled.set(true)),
					Duration.ofSeconds(1), TimeoutException::new))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(1))
			.expectError(TimeoutException.class)
			.verify(VERIFY_TIMEOUT);
		assertThat(cancelled).isTrue();
	}

	@Test
	void firstElementBudgetFailsASilentStreamWithItsOwnError() {
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier
			.withVirtualTime(() -> Deadlines.within(Flux.never().doOnCancel(() -> cancelled.set(true)),
					Duration.ofSeconds(1), () -> new TimeoutException("no first"), Duration.ofSeconds(5),
					() -> new TimeoutException("too late")))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorMessage("no first")
			.verify(VERIFY_TIMEOUT);
		assertThat(cancelled).isTrue();
	}

	@Test
	void streamThatStartedInTimeRunsToItsTotalBudget() {
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier
			.withVirtualTime(
					() -> Deadlines.within(Flux.interval(Duration.ofSeconds(2)).doOnCancel(() -> cancelled.set(true)),
							Duration.ofSeconds(3), () -> new TimeoutException("no first"), Duration.ofSeconds(7),
							() -> new TimeoutException("too late")))
			.thenAwait(Duration.ofSeconds(6))
			.expectNext(0L, 1L, 2L)
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorMessage("too late")
			.verify(VERIFY_TIMEOUT);
		assertThat(cancelled).isTrue();
	}

	@Test
	void streamThatEndsWithinBothBudgetsPassesThrough() {
		StepVerifier
			.withVirtualTime(() -> Deadlines.within(Flux.interval(Duration.ofSeconds(1)).take(3), Duration.ofSeconds(2),
					() -> new TimeoutException("no first"), Duration.ofSeconds(5), TimeoutException::new))
			.thenAwait(Duration.ofSeconds(3))
			.expectNext(0L, 1L, 2L)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void firstElementBudgetNoShorterThanTheTotalLeavesOnlyTheTotal() {
		StepVerifier
			.withVirtualTime(
					() -> Deadlines.within(Flux.never(), Duration.ofSeconds(5), () -> new TimeoutException("no first"),
							Duration.ofSeconds(2), () -> new TimeoutException("too late")))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.expectErrorMessage("too late")
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void sourceErrorPassesThroughAndNoDeadlineFollows() {
		AtomicInteger lateErrors = new AtomicInteger();
		StepVerifier
			.withVirtualTime(() -> Deadlines.within(
					Mono.delay(Duration.ofSeconds(1)).then(Mono.<Long>error(new IllegalStateException("broke"))).flux(),
					Duration.ofSeconds(2), () -> late(lateErrors), Duration.ofSeconds(5), () -> late(lateErrors)))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorMessage("broke")
			.verifyThenAssertThat(VERIFY_TIMEOUT)
			.hasNotDroppedErrors();
		VirtualTimeScheduler.getOrSet().advanceTimeBy(Duration.ofSeconds(10));
		assertThat(lateErrors).hasValue(0);
	}

	@Test
	void cancelledStreamNeverFails() {
		AtomicInteger lateErrors = new AtomicInteger();
		VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
		try {
			Disposable subscription = Deadlines
				.within(Flux.never(), Duration.ofSeconds(1), () -> late(lateErrors), Duration.ofSeconds(5),
						() -> late(lateErrors))
				.subscribe();
			time.advanceTimeBy(Duration.ofMillis(500));
			subscription.dispose();
			time.advanceTimeBy(Duration.ofSeconds(10));
			assertThat(lateErrors).hasValue(0);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	@Test
	void sourceSeesTheSubscribersContext() {
		StepVerifier
			.create(Deadlines.within(Flux.deferContextual((context) -> Flux.just(context.<String>get("requestId"))),
					Duration.ofSeconds(1), () -> new TimeoutException("no first"), Duration.ofSeconds(5),
					TimeoutException::new)
				.contextWrite(Context.of("requestId", "req-3")))
			.expectNext("req-3")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	private static TimeoutException late(AtomicInteger count) {
		count.incrementAndGet();
		return new TimeoutException("late");
	}

}
