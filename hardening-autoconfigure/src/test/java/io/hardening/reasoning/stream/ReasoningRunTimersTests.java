package io.hardening.reasoning.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.simulated.SimulatedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's timers (the no-show timer of its first connection, the reconnect grace once the
 * last connection left) are started without the run's lock held: starting one hands a
 * task to Reactor's scheduler, and nothing is called out under that lock.
 */
class ReasoningRunTimersTests {

	private static final String HOOK = ReasoningRunTimersTests.class.getName();

	private final AtomicInteger scheduledByRuns = new AtomicInteger();

	private final Queue<String> underLock = new ConcurrentLinkedQueue<>();

	@AfterEach
	void removeHook() {
		Schedulers.resetOnScheduleHook(HOOK);
	}

	@Test
	void noShowAndReconnectGraceTimersStartWithoutTheRunsLock() {
		Schedulers.onScheduleHook(HOOK, (task) -> {
			checkLocks();
			return task;
		});
		ReasoningRuns runs = new ReasoningRuns(
				new ReasoningModels(new SimulatedModel("flash", Duration.ofSeconds(3), 0, 0),
						new SimulatedModel("pro", Duration.ofSeconds(3), 0, 0)),
				new StreamSettings(Duration.ofSeconds(30), budget(), budget(), 8, Duration.ofMillis(300),
						Duration.ofSeconds(60), 16, 100),
				ModelGuard.none(), () -> true, (record) -> {
				}, new ReasoningStreamListener() {
				});
		// The first connection (no-show timer) reads the start event and leaves: the
		// grace timer starts. A reconnect takes it over and leaves again: another one.
		List<ReasoningEvent> first = runs.start("q", "r").take(1).collectList().block(Duration.ofSeconds(5));
		assertThat(runs.resume(first.get(0).id()).events().take(1).collectList().block(Duration.ofSeconds(5)))
			.isNotEmpty();
		// Nobody comes back: the grace timer cancels the run and frees its slot.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runs.activeStreams()).isZero());
		assertThat(this.scheduledByRuns).as("timers the runs started").hasValueGreaterThanOrEqualTo(3);
		assertThat(this.underLock).isEmpty();
	}

	/**
	 * A grace timer started for an earlier stretch without connection is not kept once a
	 * reconnect came and left again. In virtual time: while the first leave starts its
	 * timer, another thread reconnects and leaves (its timer due at 2s), and a second
	 * passes before the first leave's timer is scheduled (due at 3s). The run ends at 2s,
	 * one grace after the second leave; had the older timer been kept, at 3s.
	 */
	@Test
	void graceTimerOfAnEarlierLeaveIsNotKeptAfterAReconnectLeftAgain() {
		AtomicReference<Runnable> atFirstGraceTimer = new AtomicReference<>();
		VirtualTimeScheduler time = new VirtualTimeScheduler(false) {

			@Override
			public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
				Runnable action = startedBy("leave") ? atFirstGraceTimer.getAndSet(null) : null;
				if (action != null) {
					action.run();
				}
				return super.schedule(task, delay, unit);
			}

		};
		VirtualTimeScheduler.getOrSet(time);
		try {
			ReasoningRuns runs = runs(Duration.ofSeconds(2));
			List<ReasoningEvent> seen = new CopyOnWriteArrayList<>();
			Disposable first = runs.start("q", "r").subscribe(seen::add);
			String lastEventId = seen.get(0).id();
			atFirstGraceTimer.set(() -> {
				Thread reconnect = new Thread(() -> runs.resume(lastEventId).events().subscribe().dispose());
				reconnect.start();
				join(reconnect);
				time.advanceTimeBy(Duration.ofSeconds(1));
			});
			first.dispose();
			time.advanceTimeBy(Duration.ofMillis(900));
			assertThat(runs.activeStreams()).as("run waiting the grace at 1.9s").isOne();
			time.advanceTimeBy(Duration.ofMillis(100));
			assertThat(runs.activeStreams()).as("run ended at 2s").isZero();
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	private static boolean startedBy(String method) {
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			if (frame.getClassName().equals(ReasoningRun.class.getName()) && frame.getMethodName().equals(method)) {
				return true;
			}
		}
		return false;
	}

	private static ReasoningRuns runs(Duration reconnectGrace) {
		return new ReasoningRuns(
				new ReasoningModels(new SimulatedModel("flash", Duration.ofSeconds(30), 0, 0),
						new SimulatedModel("pro", Duration.ofSeconds(30), 0, 0)),
				new StreamSettings(Duration.ofSeconds(60), budget(), budget(), 8, reconnectGrace,
						Duration.ofSeconds(60), 16, 100),
				ModelGuard.none(), () -> true, (record) -> {
				}, new ReasoningStreamListener() {
				});
	}

	private static void join(Thread thread) {
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void checkLocks() {
		boolean byRun = false;
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			byRun |= frame.getClassName().equals(ReasoningRun.class.getName());
		}
		if (!byRun) {
			return;
		}
		this.scheduledByRuns.incrementAndGet();
		ThreadInfo info = ManagementFactory.getThreadMXBean()
			.getThreadInfo(new long[] { Thread.currentThread().getId() }, true, false)[0];
		for (MonitorInfo monitor : info.getLockedMonitors()) {
			if (monitor.getClassName().equals(ReasoningRun.class.getName())) {
				this.underLock.add("timer started holding the run's lock at " + monitor.getLockedStackFrame());
			}
		}
	}

	private static ModelBudget budget() {
		return new ModelBudget(Duration.ofSeconds(10), Duration.ofSeconds(30));
	}

}
