package io.hardening.reasoning.simulated;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the simulator's answers: a text chosen by the query's hash, cut into pieces at
 * word boundaries so that the pieces joined give the text back.
 */
final class SimulatedAnswers {

	private static final int WORDS_PER_PIECE = 4;

	private static final int MAX_QUOTED_LENGTH = 80;

	private static final List<String> REMARKS = List.of(
			"The short answer depends on the constraints you care about most.",
			"Start from the simplest design that works, then measure before optimizing.",
			"Several trade-offs apply here: latency, cost and how much can go wrong.",
			"A careful answer weighs the evidence before drawing a conclusion.",
			"It helps to split the question into smaller parts and answer each in turn.");

	private SimulatedAnswers() {
	}

	static List<String> pieces(String model, String query) {
		String text = text(model, query);
		int count = pieceCount(text);
		List<String> pieces = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			pieces.add(piece(text, i));
		}
		return pieces;
	}

	/**
	 * How many pieces a text is cut into: one every {@value #WORDS_PER_PIECE} words.
	 */
	static int pieceCount(String text) {
		int words = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				words++;
			}
		}
		return (words + WORDS_PER_PIECE - 1) / WORDS_PER_PIECE;
	}

	/**
	 * One piece of a text, cut when it is sent, so that a caller holds no piece before:
	 * {@value #WORDS_PER_PIECE} words, a piece after the first beginning with the space
	 * before its first word.
	 */
	static String piece(String text, int index) {
		int start = (index == 0) ? 0 : -1;
		int spaces = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				spaces++;
				if (spaces == index * WORDS_PER_PIECE) {
					start = i;
				}
				else if (spaces == (index + 1) * WORDS_PER_PIECE) {
					return text.substring(start, i);
				}
			}
		}
		return text.substring(start);
	}

	static String text(String model, String query) {
		String quoted = (query.length() <= MAX_QUOTED_LENGTH) ? query : query.substring(0, MAX_QUOTED_LENGTH) + "...";
		int choice = Math.floorMod(query.hashCode(), REMARKS.size());
		String text = "This is " + model + ", a simulated model, answering \"" + quoted.strip() + "\". "
				+ REMARKS.get(choice);
		if (model.endsWith("pro")) {
			text += " " + REMARKS.get((choice + 1) % REMARKS.size()) + " " + REMARKS.get((choice + 2) % REMARKS.size());
		}
		return text;
	}

}
