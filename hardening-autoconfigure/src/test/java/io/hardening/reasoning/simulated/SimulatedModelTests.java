package io.hardening.reasoning.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SimulatedModel}.
 */
class SimulatedModelTests {

	private static final Duration VERIFY = Duration.ofSeconds(5);

	@Test
	void streamSendsSeveralPiecesSpreadOverTheLatency() {
		SimulatedModel model = new SimulatedModel("simulated-flash", Duration.ofMillis(300), 0.0, 0);
		int pieces = SimulatedAnswers.pieces("simulated-flash", "Why is the sky blue?").size();
		assertThat(pieces).isGreaterThan(1);
		Duration step = Duration.ofMillis(300).dividedBy(pieces);
		StepVerifier.withVirtualTime(() -> model.stream("Why is the sky blue?"))
			.expectSubscription()
			.expectNoEvent(step.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(300))
			.expectNextCount(pieces - 1)
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void streamPiecesJoinIntoTheAnswer() {
		SimulatedModel model = new SimulatedModel("simulated-pro", Duration.ZERO, 0.0, 0);
		List<String> pieces = model.stream("Why is the sky blue?").collectList().block(VERIFY);
		assertThat(pieces).hasSizeGreaterThan(1).allSatisfy((piece) -> assertThat(piece).isNotEmpty());
		assertThat(String.join("", pieces)).isEqualTo(SimulatedAnswers.text("simulated-pro", "Why is the sky blue?"))
			.startsWith("This is simulated-pro, a simulated model");
	}

	@Test
	void generateIsDeterministic() {
		SimulatedModel first = new SimulatedModel("simulated-flash", Duration.ZERO, 0.0, 0);
		SimulatedModel second = new SimulatedModel("simulated-flash", Duration.ZERO, 0.0, 99);
		String answer = first.generate("same query").block(VERIFY);
		assertThat(second.generate("same query").block(VERIFY)).isEqualTo(answer);
		assertThat(first.generate("same query").block(VERIFY)).isEqualTo(answer);
		assertThat(first.generate("another query").block(VERIFY)).isNotEqualTo(answer);
	}

	@Test
	void nameIsTheSimulatedName() {
		assertThat(new SimulatedModel("simulated-pro", Duration.ZERO, 0.0, 0).name()).isEqualTo("simulated-pro");
	}

	@Test
	void failureRateOneAlwaysFails() {
		SimulatedModel model = new SimulatedModel("simulated-flash", Duration.ZERO, 1.0, 0);
		for (int i = 0; i < 20; i++) {
			StepVerifier.create(model.stream("query " + i))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
					assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
					assertThat(error.getModel()).isEqualTo("simulated-flash");
					assertThat(error.getMessage()).contains("Simulated failure");
				}))
				.verify(VERIFY);
		}
	}

	@Test
	void failureRateZeroNeverFails() {
		SimulatedModel model = new SimulatedModel("simulated-flash", Duration.ZERO, 0.0, 0);
		for (int i = 0; i < 20; i++) {
			StepVerifier.create(model.generate("query " + i)).expectNextCount(1).expectComplete().verify(VERIFY);
		}
	}

	@Test
	void failuresAreReproducibleForTheSameSeed() {
		assertThat(outcomes(42)).isEqualTo(outcomes(42)).contains(true, false);
	}

	private List<Boolean> outcomes(long seed) {
		SimulatedModel model = new SimulatedModel("simulated-pro", Duration.ZERO, 0.5, seed);
		List<Boolean> outcomes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			outcomes.add(model.generate("same").map((text) -> true).onErrorReturn(false).block(VERIFY));
		}
		return outcomes;
	}

	@Test
	void cancellingStopsTheStream() {
		SimulatedModel model = new SimulatedModel("simulated-pro", Duration.ofSeconds(10), 0.0, 0);
		StepVerifier.withVirtualTime(() -> Flux.from(model.stream("q")))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.expectNextCount(1)
			.thenCancel()
			.verify(VERIFY);
	}

}
