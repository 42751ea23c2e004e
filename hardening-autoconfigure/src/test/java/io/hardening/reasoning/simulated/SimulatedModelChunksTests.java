package io.hardening.reasoning.simulated;

import java.time.Duration;
import java.util.List;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what {@link SimulatedModel} rehearses of Gemini: rate limits, blocks, cut
 * answers, finish reasons and usage.
 */
class SimulatedModelChunksTests {

	private static final Duration VERIFY = Duration.ofSeconds(5);

	@Test
	void lastChunkCarriesStopAndPlausibleUsage() {
		SimulatedModel model = new SimulatedModel("simulated-pro", Duration.ofMillis(100), 0.0, 0);
		List<ModelChunk> chunks = model.chunks("Why is the sky blue?").collectList().block(VERIFY);
		assertThat(chunks).hasSizeGreaterThan(1);
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.finishReason()).isNull();
			assertThat(chunk.usage()).isNull();
		});
		ModelChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.finishReason()).isEqualTo("stop");
		String text = SimulatedAnswers.text("simulated-pro", "Why is the sky blue?");
		assertThat(last.usage().outputTokens()).isEqualTo(text.length() / 4);
		assertThat(last.usage().promptTokens()).isEqualTo(5);
		assertThat(last.usage().thinkingTokens()).isEqualTo(4 * last.usage().outputTokens());
		assertThat(last.usage().totalTokens())
			.isEqualTo(last.usage().promptTokens() + last.usage().outputTokens() + last.usage().thinkingTokens());
	}

	@Test
	void firstCallsAreRateLimitedWithARetryHint() {
		SimulatedModel model = new SimulatedModel("simulated-flash", Duration.ofMillis(30), 0.0, 0, 2);
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(model.chunks("q"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
					assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
					assertThat(error.getStatus()).isEqualTo(429);
					assertThat(error.getRetryDelay()).isEqualTo(Duration.ofMillis(200));
					assertThat(error.isRetryable()).isTrue();
				}))
				.verify(VERIFY);
		}
		StepVerifier.create(model.chunks("q")).thenConsumeWhile((chunk) -> true).expectComplete().verify(VERIFY);
	}

	@Test
	void blockedMarkerSendsOnePieceThenFailsAsBlocked() {
		SimulatedModel model = new SimulatedModel("simulated-flash", Duration.ofMillis(30), 0.0, 0);
		StepVerifier.create(model.chunks("tell me " + SimulatedModel.BLOCKED_MARKER))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ModelException.class, (error) -> {
				assertThat(error.getKind()).isEqualTo(Kind.BLOCKED);
				assertThat(error.getMessage()).contains("SAFETY");
			}))
			.verify(VERIFY);
	}

	@Test
	void maxTokensMarkerCutsTheAnswerHalfwayWithItsReason() {
		String query = "write a lot " + SimulatedModel.MAX_TOKENS_MARKER;
		int whole = SimulatedAnswers.pieces("simulated-pro", query).size();
		SimulatedModel model = new SimulatedModel("simulated-pro", Duration.ofMillis(30), 0.0, 0);
		List<ModelChunk> chunks = model.chunks(query).collectList().block(VERIFY);
		assertThat(chunks).hasSize(Math.max(1, whole / 2));
		assertThat(chunks.get(chunks.size() - 1).finishReason()).isEqualTo("max_tokens");
	}

}
