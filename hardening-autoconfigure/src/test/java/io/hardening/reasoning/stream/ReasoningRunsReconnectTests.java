package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hardening.reasoning.stream.StreamRejectedException.Reason;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReasoningRuns}: a client that leaves, comes back within or after the
 * grace, resumes gapless or not at all, and only the owner of a run; on test models and
 * virtual time.
 */
class ReasoningRunsReconnectTests extends AbstractReasoningRunsTests {

	@Test
	void clientThatLeavesCancelsBothModelCalls() {
		TestModel flash = TestModel.answering("flash-1", Duration.ofSeconds(1), "a", "b", "c");
		TestModel pro = TestModel.answering("pro-1", Duration.ofSeconds(2), "x", "y", "z");
		ReasoningRuns runs = runs(flash, pro);
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").map(ReasoningEvent::name))
			.expectNext("start")
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("flash_delta")
			.thenCancel()
			.verify(VERIFY);
		assertThat(flash.cancellations).hasValue(1);
		assertThat(pro.cancellations).hasValue(1);
		assertThat(runs.activeStreams()).isZero();
		assertThat(this.outcomes).containsExactly(StreamOutcome.CANCELLED);
		assertThat(this.modelOutcomes).containsExactlyInAnyOrder("flash:cancelled", "pro:cancelled");
		assertThat(this.records).singleElement().satisfies((record) -> {
			assertThat(record.outcome()).isEqualTo(StreamOutcome.CANCELLED);
			assertThat(record.flash().response()).isEqualTo("a");
		});
	}

	@Test
	void clientThatComesBackWithinTheGraceGetsTheRestWithoutNewCalls() {
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 4, Duration.ofSeconds(5),
				100);
		TestModel flash = TestModel.answering("flash-1", Duration.ofSeconds(1), "a", "b");
		TestModel pro = TestModel.answering("pro-1", Duration.ofMillis(2500), "x", "y");
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(flash, pro);
			List<ReasoningEvent> first = new ArrayList<>();
			Disposable connection = runs.start("q", "r").subscribe(first::add);
			time.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(names(first)).containsExactly("start", "flash_delta");
			connection.dispose();
			time.advanceTimeBy(Duration.ofSeconds(2));
			List<ReasoningEvent> rest = new ArrayList<>();
			AtomicBoolean done = new AtomicBoolean();
			runs.resume(first.get(1).id()).events().subscribe(rest::add, null, () -> done.set(true));
			time.advanceTimeBy(Duration.ofSeconds(4));
			assertThat(done).isTrue();
			assertThat(names(rest)).containsExactly("flash_delta", "flash_complete", "pro_delta", "pro_delta",
					"pro_complete", "complete");
			assertThat(rest.get(0).sequence()).isEqualTo(3);
		});
		assertThat(flash.calls).hasValue(1);
		assertThat(pro.calls).hasValue(1);
		assertThat(flash.cancellations).hasValue(0);
		assertThat(this.outcomes).containsExactly(StreamOutcome.COMPLETE);
	}

	@Test
	void clientThatComesBackAfterTheGraceCannotResume() {
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 4, Duration.ofSeconds(5),
				100);
		TestModel pro = TestModel.answering("pro-1", Duration.ofSeconds(10), "x");
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ofSeconds(1), "a", "b"), pro);
			List<ReasoningEvent> first = new ArrayList<>();
			Disposable connection = runs.start("q", "r").subscribe(first::add);
			connection.dispose();
			time.advanceTimeBy(Duration.ofMillis(4999));
			assertThat(pro.cancellations).hasValue(0);
			time.advanceTimeBy(Duration.ofMillis(1));
			assertThat(pro.cancellations).hasValue(1);
			assertThat(this.outcomes).containsExactly(StreamOutcome.CANCELLED);
			assertThat(runs.resume(first.get(0).id()).events().map(ReasoningEvent::data).blockFirst())
				.containsEntry("code", "resume_unavailable");
		});
	}

	@Test
	void runNobodyConnectsToIsCancelled() {
		TestModel flash = TestModel.answering("flash-1", STEP, "a");
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(flash, TestModel.answering("pro-1", STEP, "b"));
			runs.start("q", "r");
			assertThat(runs.activeStreams()).isOne();
			time.advanceTimeBy(Duration.ofSeconds(10));
			assertThat(runs.activeStreams()).isZero();
		});
		assertThat(flash.calls).hasValue(0);
		assertThat(this.outcomes).containsExactly(StreamOutcome.CANCELLED);
	}

	@Test
	void finishedRunResumesFromAnyIdAndEndsWithNoContent() {
		TestModel flash = TestModel.answering("flash-1", Duration.ZERO, "a");
		TestModel pro = TestModel.answering("pro-1", Duration.ZERO, "b");
		ReasoningRuns runs = runs(flash, pro);
		List<ReasoningEvent> events = runs.start("q", "r").collectList().block(Duration.ofSeconds(5));
		ReasoningEvent last = events.get(events.size() - 1);
		assertThat(runs.resume(last.id()).nothingMissed()).isTrue();
		List<ReasoningEvent> rest = runs.resume(events.get(1).id()).events().collectList().block(Duration.ofSeconds(5));
		assertThat(rest).isEqualTo(events.subList(2, events.size()));
		for (String unknown : List.of("nonsense", "run-unknown:3", last.runId() + ":x", last.runId() + ":99")) {
			assertThat(runs.resume(unknown).events().collectList().block(Duration.ofSeconds(5))).singleElement()
				.satisfies((event) -> {
					assertThat(event.name()).isEqualTo("error");
					assertThat(event.data()).containsEntry("code", "resume_unavailable");
				});
		}
		assertThat(flash.calls).hasValue(1);
		assertThat(pro.calls).hasValue(1);
	}

	@Test
	void finishedRunsAreForgottenAfterTheResumeWindow() {
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(TestModel.answering("flash-1", STEP, "a"),
					TestModel.answering("pro-1", STEP, "b"));
			List<ReasoningEvent> events = new ArrayList<>();
			runs.start("q", "r").subscribe(events::add);
			time.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(events).last().extracting(ReasoningEvent::name).isEqualTo("complete");
			assertThat(runs.resume(events.get(0).id()).events().blockFirst()).isEqualTo(events.get(1));
			time.advanceTimeBy(Duration.ofSeconds(60));
			assertThat(runs.resume(events.get(0).id()).events().blockFirst().data()).containsEntry("code",
					"resume_unavailable");
		});
	}

	@Test
	void keptEventsAreBoundedPerRun() {
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 4, Duration.ZERO, 3);
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ZERO, "a", "b", "c"),
				TestModel.answering("pro-1", Duration.ZERO, "x"));
		List<ReasoningEvent> events = runs.start("q", "r").collectList().block(Duration.ofSeconds(5));
		int last = events.size();
		assertThat(runs.resume(events.get(0).id()).events().blockFirst().data()).containsEntry("code",
				"resume_unavailable");
		assertThat(runs.resume(events.get(last - 4).id()).events().map(ReasoningEvent::sequence).collectList().block())
			.containsExactly((long) last - 2, (long) last - 1, (long) last);
	}

	@Test
	void resumeIsGaplessOrUnavailableEvenWhenKeptEventsMoveOnBeforeItsSubscription() {
		// Defect: the check and the subscription were two steps; a reconnect that saw #3
		// got #5.. when #4 was dropped from the kept events in between.
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 4, Duration.ofSeconds(30),
				4);
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(
					TestModel.answering("flash-1", Duration.ofSeconds(1), "a", "b", "c", "d", "e", "f", "g", "h"),
					TestModel.answering("pro-1", Duration.ofSeconds(60), "x"));
			List<ReasoningEvent> first = new ArrayList<>();
			Disposable connection = runs.start("q", "r").subscribe(first::add);
			time.advanceTimeBy(Duration.ofSeconds(2));
			assertThat(first).extracting(ReasoningEvent::sequence).containsExactly(1L, 2L, 3L);
			connection.dispose();
			time.advanceTimeBy(Duration.ofSeconds(3));
			Resume resume = runs.resume(first.get(2).id());
			time.advanceTimeBy(Duration.ofSeconds(2));
			List<ReasoningEvent> rest = new ArrayList<>();
			resume.events().subscribe(rest::add);
			assertThat(rest).first().satisfies((event) -> {
				if (event.sequence() != 4) {
					assertThat(event.name()).isEqualTo("error");
					assertThat(event.data()).containsEntry("code", "resume_unavailable");
				}
			});
			if (rest.get(0).sequence() == 4) {
				for (int i = 0; i < rest.size(); i++) {
					assertThat(rest.get(i).sequence()).isEqualTo(4 + i);
				}
			}
		});
	}

	@Test
	void resumedConnectionsTakeStreamSlots() {
		// Defect: with max-concurrent-streams=5, 50 reconnects to one run were all
		// served while new streams were still admitted.
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 2, Duration.ofSeconds(30),
				100);
		withVirtualTime((time) -> {
			ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ofSeconds(1), "a", "b", "c"),
					TestModel.answering("pro-1", Duration.ofSeconds(1), "x"));
			List<ReasoningEvent> first = new ArrayList<>();
			Disposable connection = runs.start("q", "r").subscribe(first::add);
			time.advanceTimeBy(Duration.ofMillis(10));
			assertThat(runs.activeStreams()).isOne();
			Disposable resumed = runs.resume(first.get(0).id()).events().subscribe();
			assertThat(runs.activeStreams()).isEqualTo(2);
			assertThatExceptionOfType(StreamRejectedException.class).isThrownBy(() -> runs.resume(first.get(0).id()))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TOO_MANY_STREAMS));
			assertThatExceptionOfType(StreamRejectedException.class).isThrownBy(() -> runs.start("q2", "r"));
			resumed.dispose();
			assertThat(runs.activeStreams()).isOne();
			connection.dispose();
			// The run goes on holding its one slot, and lets go of it when it ends.
			assertThat(runs.activeStreams()).isOne();
			time.advanceTimeBy(Duration.ofSeconds(30));
			assertThat(runs.activeStreams()).isZero();
		});
		// The run finished while it waited, without a connection.
		assertThat(this.outcomes).containsExactly(StreamOutcome.REJECTED, StreamOutcome.REJECTED,
				StreamOutcome.COMPLETE);
	}

	@Test
	void runAnswersOnlyTheOwnerThatStartedIt() {
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ZERO, "a"),
				TestModel.answering("pro-1", Duration.ZERO, "b"));
		List<ReasoningEvent> events = runs.start("secret question", "r", "owner-1")
			.collectList()
			.block(Duration.ofSeconds(5));
		String id = events.get(0).id();
		for (String stranger : new String[] { "owner-2", null }) {
			assertThat(runs.resume(id, stranger).events().collectList().block(Duration.ofSeconds(5))).singleElement()
				.satisfies((event) -> assertThat(event.data()).containsEntry("code", "resume_unavailable"));
		}
		assertThat(runs.resume(id, "owner-1").events().collectList().block(Duration.ofSeconds(5)))
			.isEqualTo(events.subList(1, events.size()));
		assertThat(runs.activeStreams()).isZero();
	}

}
