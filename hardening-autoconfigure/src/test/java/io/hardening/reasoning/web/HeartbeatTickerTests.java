package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeartbeatTicker}: one timer for every subscriber, in virtual time.
 */
class HeartbeatTickerTests {

	private static final Duration PERIOD = Duration.ofSeconds(15);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final AtomicInteger timersStarted = new AtomicInteger();

	private final HeartbeatTicker<String> ticker = new HeartbeatTicker<>(PERIOD, "tick", this::countingScheduler);

	@AfterEach
	void disposeTime() {
		this.time.dispose();
	}

	@Test
	void everySubscriberGetsTheTicksOfOneTimer() {
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		List<String> third = new CopyOnWriteArrayList<>();
		this.ticker.ticks().subscribe(first::add);
		this.ticker.ticks().subscribe(second::add);
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		this.ticker.ticks().subscribe(third::add);
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(first).containsExactly("tick");
		assertThat(second).containsExactly("tick");
		// Joined mid-period: its first tick comes at the shared tick, not a period later.
		assertThat(third).containsExactly("tick");
		this.time.advanceTimeBy(PERIOD.multipliedBy(2));
		assertThat(first).hasSize(3);
		assertThat(second).hasSize(3);
		assertThat(third).hasSize(3);
		assertThat(this.timersStarted).hasValue(1);
	}

	@Test
	void subscriberThatHasNotAskedMissesTicksWithoutHoldingOthersBack() {
		List<String> fast = new CopyOnWriteArrayList<>();
		List<String> slow = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> slowError = new AtomicReference<>();
		this.ticker.ticks().subscribe(fast::add);
		this.ticker.ticks().subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
				request(1);
			}

			@Override
			protected void hookOnNext(String tick) {
				slow.add(tick);
			}

			@Override
			protected void hookOnError(Throwable failure) {
				slowError.set(failure);
			}

		});
		this.time.advanceTimeBy(PERIOD.multipliedBy(4));
		assertThat(fast).hasSize(4);
		assertThat(slow).hasSize(1);
		assertThat(slowError).hasNullValue();
	}

	@Test
	void timerStopsOnceNobodyListensAndStartsAgainForTheNext() {
		List<String> ticks = new CopyOnWriteArrayList<>();
		Disposable subscription = this.ticker.ticks().subscribe(ticks::add);
		assertThat(this.ticker.isRunning()).isTrue();
		this.time.advanceTimeBy(PERIOD);
		subscription.dispose();
		this.time.advanceTimeBy(PERIOD);
		assertThat(this.ticker.isRunning()).isFalse();
		this.ticker.ticks().subscribe(ticks::add);
		assertThat(this.ticker.isRunning()).isTrue();
		this.time.advanceTimeBy(PERIOD.minusMillis(1));
		assertThat(ticks).hasSize(1);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(ticks).hasSize(2);
		assertThat(this.timersStarted).hasValue(2);
	}

	private Scheduler countingScheduler() {
		return new Scheduler() {

			@Override
			public Disposable schedule(Runnable task) {
				return HeartbeatTickerTests.this.time.schedule(task);
			}

			@Override
			public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
				HeartbeatTickerTests.this.timersStarted.incrementAndGet();
				return HeartbeatTickerTests.this.time.schedulePeriodically(task, initialDelay, period, unit);
			}

			@Override
			public Worker createWorker() {
				return HeartbeatTickerTests.this.time.createWorker();
			}

		};
	}

}
