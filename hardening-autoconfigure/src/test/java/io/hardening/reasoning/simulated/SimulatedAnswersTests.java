package io.hardening.reasoning.simulated;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SimulatedAnswers}.
 */
class SimulatedAnswersTests {

	@Test
	void piecesJoinIntoTheText() {
		List<String> pieces = SimulatedAnswers.pieces("simulated-flash", "What is a circuit breaker?");
		assertThat(pieces).hasSizeGreaterThan(1);
		assertThat(String.join("", pieces))
			.isEqualTo(SimulatedAnswers.text("simulated-flash", "What is a circuit breaker?"));
	}

	@Test
	void piecesAreFourWordsEachAndJoinBackWithDoubleSpaces() {
		String query = "Why  is   the sky blue?";
		List<String> pieces = SimulatedAnswers.pieces("simulated-pro", query);
		assertThat(String.join("", pieces)).isEqualTo(SimulatedAnswers.text("simulated-pro", query));
		assertThat(pieces.get(0)).isEqualTo("This is simulated-pro, a");
		assertThat(pieces.subList(1, pieces.size() - 1)).hasSizeGreaterThan(5).allSatisfy((piece) -> {
			assertThat(piece).startsWith(" ");
			assertThat(piece.substring(1).split(" ", -1)).hasSize(4);
		});
		assertThat(pieces.get(pieces.size() - 1)).startsWith(" ").endsWith(".");
	}

	@Test
	void proAnswersAreLongerThanFlashAnswers() {
		assertThat(SimulatedAnswers.text("simulated-pro", "q"))
			.hasSizeGreaterThan(SimulatedAnswers.text("simulated-flash", "q").length());
	}

	@Test
	void longQueriesAreShortenedInTheAnswer() {
		String query = "x".repeat(500);
		assertThat(SimulatedAnswers.text("simulated-flash", query)).contains("x".repeat(80) + "...")
			.doesNotContain("x".repeat(81));
	}

}
