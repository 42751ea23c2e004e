package io.hardening.reasoning.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.simulated.SimulatedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

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
