package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.TokenUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;

import static io.hardening.reasoning.stream.ScriptedModel.answering;
import static io.hardening.reasoning.stream.ScriptedModel.chunk;
import static io.hardening.reasoning.stream.ScriptedModel.failing;
import static io.hardening.reasoning.stream.ScriptedModel.failingAfter;
import static io.hardening.reasoning.stream.ScriptedModel.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelLeg}'s retries before the first token, finish reasons and usage,
 * in virtual time.
 */
class ModelLegRetryTests {

	private static final ModelBudget BUDGET = new ModelBudget(Duration.ofSeconds(5), Duration.ofSeconds(20), 3);

	private static final TokenUsage USAGE = new TokenUsage(12, 40, 100, 2, 152);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();

	private final List<ReasoningEvent> events = new CopyOnWriteArrayList<>();

	private final List<String> retries = new CopyOnWriteArrayList<>();

	private final List<TokenUsage> usages = new CopyOnWriteArrayList<>();

	private final ReasoningStreamListener listener = new ReasoningStreamListener() {

		@Override
		public void modelRetried(String role, String reason) {
			ModelLegRetryTests.this.retries.add(role + ":" + reason);
		}

		@Override
		public void tokensUsed(String role, TokenUsage usage) {
			ModelLegRetryTests.this.usages.add(usage);
		}

	};

	@AfterEach
	void resetTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void rateLimitBeforeTheFirstTokenIsRetriedAfterGooglesHint() {
		ScriptedModel model = new ScriptedModel("flash-1", List.of(failing(Duration.ofMillis(50), rateLimited("0.3s")),
				answering(chunk("a"), last("b", "stop", USAGE))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofMillis(349));
		assertThat(model.calls).hasValue(1);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(model.calls).hasValue(2);
		assertThat(model.callTimesMillis.get(1) - model.callTimesMillis.get(0)).isEqualTo(350);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.events).extracting(ReasoningEvent::name)
			.containsExactly("flash_delta", "flash_delta", "flash_complete");
		assertThat(complete().data()).containsEntry("response", "ab")
			.containsEntry("attempts", 2)
			.containsEntry("finish_reason", "stop")
			.containsEntry("usage", USAGE.toMap());
		assertThat(this.retries).containsExactly("flash:rate_limited");
		assertThat(this.usages).containsExactly(USAGE);
	}

	@Test
	void unavailableWithoutHintBacksOffExponentiallyWithJitterUpToMaxAttempts() {
		ScriptedModel model = new ScriptedModel("flash-1", List.of(failing(Duration.ZERO, unavailable(503))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(model.calls).hasValue(3);
		long first = model.callTimesMillis.get(1) - model.callTimesMillis.get(0);
		long second = model.callTimesMillis.get(2) - model.callTimesMillis.get(1);
		assertThat(first).isBetween(200L, 300L);
		assertThat(second).isBetween(200L, 600L);
		ReasoningEvent failed = this.events.get(0);
		assertThat(failed.name()).isEqualTo("flash_failed");
		assertThat(failed.data()).containsEntry("code", "model_error");
		assertThat(this.retries).containsExactly("flash:unavailable", "flash:unavailable");
	}

	@Test
	void refusedConnectionIsRetriedAsAConnectionFailure() {
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(failing(Duration.ZERO, new ModelException(Kind.UNAVAILABLE, "flash-1", 0, "refused", null)),
						answering(last("ok", "stop", USAGE))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(complete().data()).containsEntry("attempts", 2);
		assertThat(this.retries).containsExactly("flash:connection");
	}

	@Test
	void rateLimitedAfterAllAttemptsFailsWithRateLimited() {
		ScriptedModel model = new ScriptedModel("flash-1", List.of(failing(Duration.ZERO, rateLimited("0.1s"))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(model.calls).hasValue(3);
		assertThat(this.events).singleElement().satisfies((failed) -> {
			assertThat(failed.name()).isEqualTo("flash_failed");
			assertThat(failed.data()).containsEntry("code", "rate_limited");
			assertThat((String) failed.data().get("error")).contains("Rate limit");
		});
	}

	@Test
	void dailyQuotaIsNotRetried() {
		ModelException daily = new ModelException(Kind.RATE_LIMITED, "flash-1", 429, "Daily quota exceeded", null,
				Duration.ofSeconds(1), true);
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(failing(Duration.ofMillis(5), daily), answering(chunk("never"))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofMillis(5));
		assertThat(model.calls).hasValue(1);
		assertThat(this.events).singleElement()
			.satisfies((failed) -> assertThat(failed.data()).containsEntry("code", "rate_limited"));
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(model.calls).hasValue(1);
		assertThat(this.retries).isEmpty();
	}

	@Test
	void failureAfterTheFirstDeltaIsNeverRetried() {
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(failingAfter(unavailable(503), chunk("partial")), answering(chunk("again"))));
		ModelLeg leg = leg(model, BUDGET);
		start(leg);
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(model.calls).hasValue(1);
		assertThat(this.events).extracting(ReasoningEvent::name).containsExactly("flash_delta", "flash_failed");
		assertThat(this.retries).isEmpty();
		assertThat(leg.result().response()).isEqualTo("partial");
	}

	@Test
	void hintLongerThanWhatIsLeftOfTheFirstTokenBudgetEndsAtOnce() {
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(failing(Duration.ofMillis(10), rateLimited("57.238747106s")), answering(chunk("late"))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofMillis(10));
		assertThat(this.events).singleElement()
			.satisfies((failed) -> assertThat(failed.data()).containsEntry("code", "rate_limited"));
		assertThat(model.calls).hasValue(1);
	}

	@Test
	void oneAttemptRetriesNothing() {
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(failing(Duration.ZERO, unavailable(500)), answering(chunk("x"))));
		start(leg(model, new ModelBudget(Duration.ofSeconds(5), Duration.ofSeconds(20), 1)));
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(model.calls).hasValue(1);
		assertThat(this.events.get(0).name()).isEqualTo("flash_failed");
	}

	@Test
	void blockedAnswerFailsWithBlockedAndKeepsItsTextForTheRecordOnly() {
		ModelException blocked = new ModelException(Kind.BLOCKED, "flash-1", "stopped (finishReason SAFETY)");
		ScriptedModel model = new ScriptedModel("flash-1", List.of(failingAfter(blocked, chunk("Here is how"))));
		ModelLeg leg = leg(model, BUDGET);
		start(leg);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		ReasoningEvent failed = this.events.get(this.events.size() - 1);
		assertThat(failed.data()).containsEntry("code", "blocked").doesNotContainValue("Here is how");
		assertThat(leg.result().response()).isEqualTo("Here is how");
		assertThat(leg.result().failureCode()).isEqualTo("blocked");
	}

	@Test
	void maxTokensAnswerCompletesWithItsTextAndReason() {
		ScriptedModel model = new ScriptedModel("flash-1",
				List.of(answering(chunk("cut"), last(" off", "max_tokens", USAGE))));
		ModelLeg leg = leg(model, BUDGET);
		start(leg);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(complete().data()).containsEntry("response", "cut off")
			.containsEntry("finish_reason", "max_tokens")
			.containsEntry("attempts", 1);
		assertThat(leg.result().finishReason()).isEqualTo("max_tokens");
		assertThat(leg.result().usage()).isEqualTo(USAGE);
	}

	@Test
	void chunksWithoutTextAreNoFirstTokenButTheirUsageCounts() {
		ScriptedModel model = new ScriptedModel("flash-1", List
			.of(answering(last("", null, new TokenUsage(12, 0, 50, 0, 62)), chunk("a"), last("", "stop", USAGE))));
		start(leg(model, BUDGET));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.events).extracting(ReasoningEvent::name).containsExactly("flash_delta", "flash_complete");
		assertThat(complete().data()).containsEntry("first_token_ms", 20L).containsEntry("usage", USAGE.toMap());
	}

	@Test
	void everyAttemptCountsInTheCircuitBreaker() {
		ScriptedModel model = new ScriptedModel("flash-1", List.of(failing(Duration.ZERO, unavailable(503))));
		ModelGuard guard = new CircuitBreakerModelGuard(TestBreakers.openingAfterTwoFailures());
		start(new ModelLeg("flash", model, BUDGET, guard, this.listener));
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(model.calls).hasValue(2);
		assertThat(this.events).singleElement()
			.satisfies((failed) -> assertThat(failed.data()).containsEntry("code", "circuit_open"));
	}

	@Test
	void fullBulkheadFailsWithOverloaded() {
		ModelGuard guard = new CircuitBreakerModelGuard(oneCallAtATime());
		ScriptedModel slow = new ScriptedModel("flash-1", List.of(Flux.never()));
		ScriptedModel second = new ScriptedModel("flash-1", List.of(answering(chunk("x"))));
		leg(slow, BUDGET, guard).events("q").subscribe();
		start(leg(second, BUDGET, guard));
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(second.calls).hasValue(0);
		assertThat(this.events).singleElement().satisfies((failed) -> {
			assertThat(failed.name()).isEqualTo("flash_failed");
			assertThat(failed.data()).containsEntry("code", "overloaded");
			assertThat((String) failed.data().get("error")).contains("Bulkhead 'flash' is full");
		});
	}

	private ModelLeg leg(ScriptedModel model, ModelBudget budget) {
		return leg(model, budget, ModelGuard.none());
	}

	private ModelLeg leg(ScriptedModel model, ModelBudget budget, ModelGuard guard) {
		return new ModelLeg("flash", model, budget, guard, this.listener);
	}

	private void start(ModelLeg leg) {
		leg.events("q").subscribe(this.events::add);
	}

	private ReasoningEvent complete() {
		assertThat(this.events).isNotEmpty();
		ReasoningEvent last = this.events.get(this.events.size() - 1);
		assertThat(last.name()).isEqualTo("flash_complete");
		return last;
	}

	private static ModelException rateLimited(String hint) {
		Duration delay = Duration.ofMillis((long) (Double.parseDouble(hint.replace("s", "")) * 1000));
		return new ModelException(Kind.RATE_LIMITED, "flash-1", 429, "Rate limit or quota exceeded (429)", null, delay,
				false);
	}

	private static ModelException unavailable(int status) {
		return new ModelException(Kind.UNAVAILABLE, "flash-1", status, "Model is unavailable (" + status + ")", null);
	}

	private static ReactiveResilience4JCircuitBreakerFactory oneCallAtATime() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		Resilience4JConfigurationProperties properties = new Resilience4JConfigurationProperties();
		properties.setDisableTimeLimiter(true);
		BulkheadRegistry bulkheads = BulkheadRegistry
			.of(BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
		ReactiveResilience4JCircuitBreakerFactory factory = new ReactiveResilience4JCircuitBreakerFactory(breakers,
				TimeLimiterRegistry.ofDefaults(), new ReactiveResilience4jBulkheadProvider(bulkheads), properties);
		factory.configureDefault(
				(id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breakers.getDefaultConfig()).build());
		return factory;
	}

}
