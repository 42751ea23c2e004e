package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.hardening.reasoning.ReasoningModels;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * What the {@link ReasoningRuns} tests share: test models' runs on a registry whose
 * settings, guard and readiness a test may change first, and the outcomes, model results
 * and records it reports.
 */
abstract class AbstractReasoningRunsTests {

	static final Duration STEP = Duration.ofMillis(10);

	static final Duration VERIFY = Duration.ofSeconds(10);

	final List<StreamOutcome> outcomes = new CopyOnWriteArrayList<>();

	final List<String> modelOutcomes = new CopyOnWriteArrayList<>();

	final List<RunRecord> records = new CopyOnWriteArrayList<>();

	final ReasoningStreamListener listener = new ReasoningStreamListener() {

		@Override
		public void streamFinished(StreamOutcome outcome) {
			AbstractReasoningRunsTests.this.outcomes.add(outcome);
		}

		@Override
		public void modelFinished(String role, String outcome, Duration duration) {
			AbstractReasoningRunsTests.this.modelOutcomes.add(role + ":" + outcome);
		}

	};

	StreamSettings settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 4, Duration.ZERO,
			100);

	ModelGuard guard = ModelGuard.none();

	final AtomicBoolean ready = new AtomicBoolean(true);

	static void withVirtualTime(Consumer<VirtualTimeScheduler> test) {
		VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
		try {
			test.accept(time);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	ReasoningRuns runs(io.hardening.reasoning.ReasoningModel flash, io.hardening.reasoning.ReasoningModel pro) {
		return new ReasoningRuns(new ReasoningModels(flash, pro), this.settings, this.guard, this.ready::get,
				this.records::add, this.listener);
	}

	static StreamSettings settings(Duration timeout, ModelBudget flash, ModelBudget pro, int max, Duration grace,
			int maxEvents) {
		return new StreamSettings(timeout, flash, pro, max, grace, Duration.ofSeconds(60), 16, maxEvents);
	}

	static ModelBudget budget(int firstTokenSeconds, int totalSeconds) {
		return new ModelBudget(Duration.ofSeconds(firstTokenSeconds), Duration.ofSeconds(totalSeconds));
	}

	static List<String> names(List<ReasoningEvent> events) {
		return events.stream().map(ReasoningEvent::name).toList();
	}

	static ReasoningEvent find(List<ReasoningEvent> events, String name) {
		return events.stream().filter((event) -> event.name().equals(name)).findFirst().orElseThrow();
	}

	static String deltas(List<ReasoningEvent> events, String name) {
		return events.stream()
			.filter((event) -> event.name().equals(name))
			.map((event) -> (String) event.data().get("text"))
			.collect(Collectors.joining());
	}

}
