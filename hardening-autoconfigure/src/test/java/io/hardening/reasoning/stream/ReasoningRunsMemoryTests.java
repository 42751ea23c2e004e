package io.hardening.reasoning.stream;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import javax.management.ObjectName;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.ReasoningModels;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code resume-max-runs} bounds memory: after many finished runs with long answers, a
 * full garbage collection leaves only the runs kept for reconnects, each holding its
 * answer once, and the heap back near where it started.
 */
class ReasoningRunsMemoryTests {

	private static final int RUNS = 200;

	private static final int ANSWER_PIECES = 100;

	private static final String PIECE = "x".repeat(1024);

	@Test
	void finishedRunsBeyondResumeMaxRunsLeaveNothingReachable() throws Exception {
		ReasoningRuns runs = new ReasoningRuns(
				new ReasoningModels(new LongAnswers("flash-1"), new LongAnswers("pro-1")),
				new StreamSettings(Duration.ofSeconds(120),
						new ModelBudget(Duration.ofSeconds(30), Duration.ofSeconds(120)),
						new ModelBudget(Duration.ofSeconds(30), Duration.ofSeconds(120)), 4, Duration.ZERO,
						Duration.ofSeconds(60), 1, 2000),
				ModelGuard.none(), () -> true, RunRecorder.none(), new ReasoningStreamListener() {
				});
		runs.start("warm up", "req").blockLast(Duration.ofSeconds(10));
		long fresh = liveHeap();
		for (int i = 0; i < RUNS; i++) {
			List<ReasoningEvent> events = runs.start("q" + i, "req").collectList().block(Duration.ofSeconds(10));
			assertThat(events).last().extracting(ReasoningEvent::name).isEqualTo("complete");
		}
		assertThat(liveInstances(ReasoningRun.class)).isEqualTo(1);
		assertThat(liveInstances(ModelLeg.class)).isZero();
		// The one kept run: two answers of 100 kB, in their deltas and once joined.
		assertThat(liveHeap() - fresh).isLessThan(4L * 1024 * 1024);
	}

	private static long liveHeap() throws Exception {
		histogram();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Live instances of a class, from a heap histogram, which runs a full collection
	 * first.
	 */
	private static long liveInstances(Class<?> type) throws Exception {
		for (String line : histogram().split("\n")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length >= 4 && columns[3].equals(type.getName())) {
				return Long.parseLong(columns[1]);
			}
		}
		return 0;
	}

	private static String histogram() throws Exception {
		return (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
	}

	/**
	 * Answers 100 kB at once, in pieces of 1 kB.
	 */
	private record LongAnswers(String name) implements ReasoningModel {

		@Override
		public Flux<String> stream(String query) {
			return Flux.range(0, ANSWER_PIECES).map((i) -> PIECE + i);
		}

		@Override
		public Mono<String> generate(String query) {
			return Mono.error(new ModelException(ModelException.Kind.UNAVAILABLE, this.name, 0, "not used", null));
		}

	}

}
