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
		String[] words = text.split(" ");
		List<String> pieces = new ArrayList<>();
		for (int start = 0; start < words.length; start += WORDS_PER_PIECE) {
			int end = Math.min(words.length, start + WORDS_PER_PIECE);
			String piece = String.join(" ", List.of(words).subList(start, end));
			pieces.add((start == 0) ? piece : " " + piece);
		}
		return pieces;
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
