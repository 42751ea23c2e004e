package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.hardening.requestid.RequestIds;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelLeg}: the leg turns its call into events, in virtual time.
 */
class ModelLegTests {

	private static final ModelBudget BUDGET = new ModelBudget(Duration.ofSeconds(1), Duration.ofSeconds(5));

	private final VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();

	private final List<ReasoningEvent> events = new CopyOnWriteArrayList<>();

	private final List<String> outcomes = new CopyOnWriteArrayList<>();

	private final AtomicInteger done = new AtomicInteger();

	private final ReasoningStreamListener listener = new ReasoningStreamListener() {

		@Override
		public void modelFinished(String role, String outcome, Duration duration) {
			ModelLegTests.this.outcomes.add(role + ":" + outcome);
		}

	};

	@AfterEach
	void resetTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void piecesBecomeDeltasThenOneCompleteEvent() {
		ModelLeg leg = new ModelLeg("flash", TestModel.answering("flash-1", Duration.ofMillis(10), "a", "b"), BUDGET,
				ModelGuard.none(), this.listener);
		start(leg, Context.empty());
		this.time.advanceTimeBy(Duration.ofMillis(20));
		assertThat(this.events).extracting(ReasoningEvent::name)
			.containsExactly("flash_delta", "flash_delta", "flash_complete");
		assertThat(this.events.get(2).data()).containsEntry("response", "ab").containsEntry("first_token_ms", 10L);
		assertThat(this.done).hasValue(1);
		assertThat(this.outcomes).containsExactly("flash:success");
	}

	@Test
	void noTextWithinTheFirstTokenBudgetFailsWithTimeoutAndCancelsTheCall() {
		TestModel model = TestModel.slowToStart("pro-1", Duration.ofSeconds(3), Duration.ofMillis(10), "late");
		ModelLeg leg = new ModelLeg("pro", model, BUDGET, ModelGuard.none(), this.listener);
		start(leg, Context.empty());
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(this.events).isEmpty();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(this.events).singleElement().satisfies((failed) -> {
			assertThat(failed.name()).isEqualTo("pro_failed");
			assertThat(failed.data()).containsEntry("code", "timeout");
		});
		assertThat(model.cancellations).hasValue(1);
		assertThat(this.done).hasValue(1);
		assertThat(leg.failureCode()).isEqualTo("timeout");
	}

	@Test
	void guardThatThrowsFailsTheModelInsteadOfTheRun() {
		ModelGuard throwing = (role, call) -> {
			throw new IllegalStateException("guard broke");
		};
		TestModel model = TestModel.answering("flash-1", Duration.ofMillis(10), "a");
		ModelLeg leg = new ModelLeg("flash", model, BUDGET, throwing, this.listener);
		start(leg, Context.empty());
		assertThat(this.events).singleElement().satisfies((failed) -> {
			assertThat(failed.name()).isEqualTo("flash_failed");
			assertThat(failed.data()).containsEntry("code", "model_error");
			assertThat((String) failed.data().get("error")).contains("guard broke");
		});
		assertThat(model.calls).hasValue(0);
		assertThat(this.done).hasValue(1);
	}

	@Test
	void disposingCancelsTheCallAndSendsNothingMore() {
		TestModel model = TestModel.answering("pro-1", Duration.ofMillis(10), "a", "b", "c");
		ModelLeg leg = new ModelLeg("pro", model, BUDGET, ModelGuard.none(), this.listener);
		Disposable call = start(leg, Context.empty());
		this.time.advanceTimeBy(Duration.ofMillis(10));
		call.dispose();
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(this.events).extracting(ReasoningEvent::name).containsExactly("pro_delta");
		assertThat(model.cancellations).hasValue(1);
		assertThat(this.done).hasValue(0);
		assertThat(this.outcomes).containsExactly("pro:cancelled");
	}

	@Test
	void callSeesTheSubscribersContext() {
		ModelLeg leg = new ModelLeg("flash", new ContextEchoModel("flash-1"), BUDGET, ModelGuard.none(), this.listener);
		start(leg, Context.of(RequestIds.MDC_KEY, "req-7"));
		assertThat(this.events).extracting(ReasoningEvent::name).containsExactly("flash_delta", "flash_complete");
		assertThat(this.events.get(0).data()).containsEntry("text", "req-7");
	}

	@Test
	void answerIsJoinedOnceAndSharedWithTheRecord() {
		ModelLeg leg = new ModelLeg("flash", TestModel.answering("flash-1", Duration.ofMillis(10), "a", "b"), BUDGET,
				ModelGuard.none(), this.listener);
		start(leg, Context.empty());
		this.time.advanceTimeBy(Duration.ofMillis(20));
		Object response = this.events.get(2).data().get("response");
		assertThat(response).isEqualTo("ab");
		assertThat(leg.response()).isSameAs(response);
		assertThat(leg.result().response()).isSameAs(response);
	}

	private Disposable start(ModelLeg leg, Context context) {
		return leg.events("q").subscribe(this.events::add, null, this.done::incrementAndGet, context);
	}

}
