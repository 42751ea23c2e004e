package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.hardening.requestid.RequestIds;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.simulated.SimulatedModel;
import io.hardening.reasoning.stream.StreamRejectedException.Reason;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReasoningRuns}: the run protocol, budgets, breakers, admission,
 * records and shutdown, on test models and virtual time. Leaving and coming back:
 * {@link ReasoningRunsReconnectTests}.
 */
class ReasoningRunsTests extends AbstractReasoningRunsTests {

	@Test
	void eventsArriveInTheOrderTheModelsProduceThem() {
		ReasoningRuns runs = runs(TestModel.answering("flash-1", STEP, "Hello", " there"),
				TestModel.answering("pro-1", Duration.ofMillis(30), "Deep", " and", " slow"));
		StepVerifier.withVirtualTime(() -> runs.start("Why?", "req-1").collectList())
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((events) -> {
				assertThat(events).extracting(ReasoningEvent::name)
					.containsExactly("start", "flash_delta", "flash_delta", "flash_complete", "pro_delta", "pro_delta",
							"pro_delta", "pro_complete", "complete");
				assertThat(events.get(0).data()).containsEntry("query", "Why?")
					.containsEntry("flash_model", "flash-1")
					.containsEntry("pro_model", "pro-1")
					.containsEntry("request_id", "req-1");
				String runId = events.get(0).runId();
				assertThat(runId).startsWith("run-");
				for (int i = 0; i < events.size(); i++) {
					assertThat(events.get(i).id()).isEqualTo(runId + ":" + (i + 1));
				}
				assertThat(events.get(3).data()).containsEntry("response", "Hello there")
					.containsEntry("model", "flash-1")
					.containsEntry("duration_ms", 20L)
					.containsEntry("first_token_ms", 10L);
				assertThat(deltas(events, "pro_delta")).isEqualTo(events.get(7).data().get("response"))
					.isEqualTo("Deep and slow");
				assertThat(events.get(8).data()).containsEntry("flash_response", "Hello there")
					.containsEntry("pro_response", "Deep and slow")
					.containsEntry("partial", false)
					.containsEntry("duration_ms", 90L);
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.outcomes).containsExactly(StreamOutcome.COMPLETE);
		assertThat(runs.activeStreams()).isZero();
	}

	@Test
	void modelCallsSeeTheContextOfTheConnectionThatStartedTheRun() {
		ReasoningRuns runs = runs(new ContextEchoModel("flash-1"), new ContextEchoModel("pro-1"));
		List<ReasoningEvent> events = runs.start("q", "r")
			.contextWrite(Context.of(RequestIds.MDC_KEY, "req-42"))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(events).filteredOn((event) -> event.name().endsWith("_delta"))
			.extracting((event) -> event.data().get("text"))
			.containsExactly("req-42", "req-42");
	}

	@Test
	void bothModelsRunInParallel() {
		ReasoningRuns runs = runs(new SimulatedModel("simulated-flash", Duration.ofMillis(300), 0, 0),
				new SimulatedModel("simulated-pro", Duration.ofMillis(900), 0, 0));
		long started = System.nanoTime();
		List<ReasoningEvent> events = runs.start("parallel?", "req").collectList().block(Duration.ofSeconds(5));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(events).last().extracting(ReasoningEvent::name).isEqualTo("complete");
		assertThat(names(events).indexOf("flash_complete")).isLessThan(names(events).indexOf("pro_complete"));
		assertThat(took).isLessThan(Duration.ofMillis(1150));
	}

	@Test
	void oneModelFailingEndsWithPartialComplete() {
		ReasoningRuns runs = runs(TestModel.answering("flash-1", STEP, "Quick"),
				TestModel.failingAfter("pro-1", STEP, "Half"));
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").collectList())
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((events) -> {
				ReasoningEvent failed = find(events, "pro_failed");
				assertThat(failed.data()).containsEntry("code", "model_error").containsEntry("model", "pro-1");
				assertThat((String) failed.data().get("error")).contains("unavailable").doesNotContain("ya29.secret");
				assertThat(events).last().satisfies((complete) -> {
					assertThat(complete.name()).isEqualTo("complete");
					assertThat(complete.data()).containsEntry("partial", true)
						.containsEntry("flash_response", "Quick")
						.containsEntry("pro_response", null);
				});
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.outcomes).containsExactly(StreamOutcome.PARTIAL);
		assertThat(this.modelOutcomes).contains("flash:success", "pro:error");
	}

	@Test
	void bothModelsFailingEndsWithError() {
		ReasoningRuns runs = runs(TestModel.failingAfter("flash-1", STEP), TestModel.failingAfter("pro-1", STEP));
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").collectList())
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((events) -> {
				assertThat(names(events)).containsExactlyInAnyOrder("start", "flash_failed", "pro_failed", "error");
				assertThat(events).last()
					.extracting((event) -> event.data().get("code"))
					.isEqualTo("all_models_failed");
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.outcomes).containsExactly(StreamOutcome.ERROR);
	}

	@Test
	void modelWithoutFirstTokenInTimeFailsWithTimeout() {
		this.settings = settings(Duration.ofSeconds(120), budget(1, 120), budget(30, 120), 4, Duration.ZERO, 100);
		ReasoningRuns runs = runs(TestModel.slowToStart("flash-1", Duration.ofSeconds(5), STEP, "late"),
				TestModel.answering("pro-1", STEP, "ok"));
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").collectList())
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((events) -> {
				assertThat(find(events, "flash_failed").data()).containsEntry("code", "timeout");
				assertThat((String) find(events, "flash_failed").data().get("error")).contains("1000ms");
				assertThat(events).last().extracting((event) -> event.data().get("partial")).isEqualTo(true);
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.modelOutcomes).contains("flash:timeout");
	}

	@Test
	void modelPastItsTotalBudgetFailsWithTimeoutKeepingWhatItSent() {
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 3), 4, Duration.ZERO, 100);
		ReasoningRuns runs = runs(TestModel.answering("flash-1", STEP, "ok"),
				TestModel.answering("pro-1", Duration.ofMillis(900), "a", "b", "c", "d", "e", "f"));
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").collectList())
			.thenAwait(Duration.ofSeconds(3))
			.assertNext((events) -> {
				assertThat(deltas(events, "pro_delta")).isEqualTo("abc");
				assertThat(find(events, "pro_failed").data()).containsEntry("code", "timeout");
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.records).singleElement()
			.satisfies((record) -> assertThat(record.pro().response()).isEqualTo("abc"));
	}

	@Test
	void streamEndsWithinItsTimeoutWhenBothModelsHang() {
		this.settings = settings(Duration.ofSeconds(2), budget(30, 120), budget(30, 120), 4, Duration.ZERO, 100);
		ReasoningRuns runs = runs(TestModel.silent("flash-1"), TestModel.silent("pro-1"));
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").map(ReasoningEvent::name))
			.expectNext("start")
			.thenAwait(Duration.ofSeconds(2))
			.expectNext("flash_failed", "pro_failed", "error")
			.expectComplete()
			.verify(VERIFY);
		assertThat(this.records).singleElement().satisfies((record) -> {
			assertThat(record.outcome()).isEqualTo(StreamOutcome.ERROR);
			assertThat(record.errorCode()).isEqualTo("timeout");
		});
	}

	@Test
	void openCircuitFailsThatModelAtOnceWithoutCallingIt() {
		ReactiveResilience4JCircuitBreakerFactory factory = TestBreakers.factory();
		factory.getCircuitBreakerRegistry().circuitBreaker("pro").transitionToForcedOpenState();
		this.guard = new CircuitBreakerModelGuard(factory);
		TestModel pro = TestModel.answering("pro-1", STEP, "never");
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ofSeconds(1), "ok"), pro);
		StepVerifier.withVirtualTime(() -> runs.start("q", "r").map(ReasoningEvent::name))
			.expectNext("start", "pro_failed")
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("flash_delta", "flash_complete", "complete")
			.expectComplete()
			.verify(VERIFY);
		assertThat(pro.calls).hasValue(0);
		assertThat(this.modelOutcomes).contains("pro:circuit_open");
	}

	@Test
	void breakerOpensAfterFailuresAndStopsCallingTheModel() {
		ReactiveResilience4JCircuitBreakerFactory factory = TestBreakers.openingAfterTwoFailures();
		this.guard = new CircuitBreakerModelGuard(factory);
		TestModel pro = TestModel.failingAfter("pro-1", Duration.ZERO);
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ZERO, "ok"), pro);
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			List<ReasoningEvent> events = runs.start("q", "r").collectList().block(Duration.ofSeconds(5));
			codes.add((String) find(events, "pro_failed").data().get("code"));
		}
		assertThat(codes).containsExactly("model_error", "model_error", "circuit_open");
		assertThat(pro.calls).hasValue(2);
		CircuitBreakerRegistry registry = factory.getCircuitBreakerRegistry();
		assertThat(registry.circuitBreaker("flash").getState().name()).isEqualTo("CLOSED");
	}

	@Test
	void streamsAboveTheCapAreRefused() {
		this.settings = settings(Duration.ofSeconds(120), budget(30, 120), budget(30, 120), 1, Duration.ZERO, 100);
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ofMillis(50), "a"),
				TestModel.answering("pro-1", Duration.ofMillis(50), "b"));
		StepVerifier.withVirtualTime(() -> runs.start("first", "r").map(ReasoningEvent::name))
			.expectNext("start")
			.then(() -> assertThatExceptionOfType(StreamRejectedException.class)
				.isThrownBy(() -> runs.start("second", "r"))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TOO_MANY_STREAMS)))
			.thenAwait(Duration.ofSeconds(1))
			.thenConsumeWhile((name) -> true)
			.expectComplete()
			.verify(VERIFY);
		assertThat(runs.activeStreams()).isZero();
		assertThat(runs.start("third", "r").collectList().block(Duration.ofSeconds(5))).isNotEmpty();
		assertThat(this.outcomes).containsExactly(StreamOutcome.REJECTED, StreamOutcome.COMPLETE,
				StreamOutcome.COMPLETE);
	}

	@Test
	void modelsNotReadyRefuseWithoutCallingThem() {
		this.ready.set(false);
		TestModel flash = TestModel.answering("flash-1", STEP, "a");
		ReasoningRuns runs = runs(flash, TestModel.answering("pro-1", STEP, "b"));
		assertThatExceptionOfType(StreamRejectedException.class).isThrownBy(() -> runs.start("q", "r"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NOT_INITIALIZED));
		assertThat(flash.calls).hasValue(0);
		assertThat(runs.activeStreams()).isZero();
	}

	@Test
	void everyFinishedStreamIsRecorded() {
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ZERO, "fast"),
				TestModel.failingAfter("pro-1", Duration.ZERO, "slo"));
		List<ReasoningEvent> events = runs.start("What is 2+2?", "req-9").collectList().block(Duration.ofSeconds(5));
		assertThat(this.records).singleElement().satisfies((record) -> {
			assertThat(record.id()).isEqualTo(events.get(0).runId());
			assertThat(record.query()).isEqualTo("What is 2+2?");
			assertThat(record.requestId()).isEqualTo("req-9");
			assertThat(record.outcome()).isEqualTo(StreamOutcome.PARTIAL);
			assertThat(record.flash())
				.extracting(RunRecord.ModelResult::model, RunRecord.ModelResult::response,
						RunRecord.ModelResult::failureCode)
				.containsExactly("flash-1", "fast", null);
			assertThat(record.pro().failureCode()).isEqualTo("model_error");
			assertThat(record.result()).containsEntry("outcome", "partial").containsEntry("flash_response", "fast");
			assertThat(record.metadata()).containsEntry("query", "What is 2+2?").containsEntry("request_id", "req-9");
		});
	}

	@Test
	void recorderFailureNeverReachesTheStream() {
		ReasoningRuns runs = new ReasoningRuns(
				new ReasoningModels(TestModel.answering("flash-1", Duration.ZERO, "a"),
						TestModel.answering("pro-1", Duration.ZERO, "b")),
				this.settings, this.guard, this.ready::get, (record) -> {
					throw new IllegalStateException("disk full");
				}, this.listener);
		assertThat(runs.start("q", "r").collectList().block(Duration.ofSeconds(5))).last()
			.extracting(ReasoningEvent::name)
			.isEqualTo("complete");
		assertThat(runs.activeStreams()).isZero();
	}

	@Test
	void shutdownEndsOpenStreamsAndRefusesNewOnes() {
		TestModel flash = TestModel.answering("flash-1", Duration.ofSeconds(10), "a");
		ReasoningRuns runs = runs(flash, TestModel.answering("pro-1", Duration.ofSeconds(10), "b"));
		runs.start();
		StepVerifier.withVirtualTime(() -> runs.start("q", "r"))
			.assertNext((event) -> assertThat(event.name()).isEqualTo("start"))
			.then(runs::stop)
			.assertNext((event) -> {
				assertThat(event.name()).isEqualTo("error");
				assertThat(event.data()).containsEntry("code", "shutting_down");
			})
			.expectComplete()
			.verify(VERIFY);
		assertThat(flash.cancellations).hasValue(1);
		assertThat(this.records).singleElement()
			.satisfies((record) -> assertThat(record.errorCode()).isEqualTo("shutting_down"));
		assertThatExceptionOfType(StreamRejectedException.class).isThrownBy(() -> runs.start("q", "r"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.SHUTTING_DOWN));
		assertThat(runs.isRunning()).isFalse();
	}

	@Test
	void finishedRunKeepsItsAnswerOnce() {
		ReasoningRuns runs = runs(TestModel.answering("flash-1", Duration.ZERO, "fa", "st"),
				TestModel.answering("pro-1", Duration.ZERO, "slo", "w"));
		List<ReasoningEvent> events = runs.start("q", "r").collectList().block(Duration.ofSeconds(5));
		ReasoningEvent complete = events.get(events.size() - 1);
		assertThat(complete.data().get("flash_response"))
			.isSameAs(find(events, "flash_complete").data().get("response"));
		assertThat(complete.data().get("pro_response")).isSameAs(find(events, "pro_complete").data().get("response"));
	}

}
