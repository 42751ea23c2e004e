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
		int[] starts = pieceStarts(text);
		List<String> pieces = new ArrayList<>(starts.length);
		for (int i = 0; i < starts.length; i++) {
			pieces.add(piece(text, starts, i));
		}
		return pieces;
	}

	/**
	 * Where each piece of a text starts: every {@value #WORDS_PER_PIECE} words, a piece
	 * after the first beginning with the space before its first word. A caller that keeps
	 * the text and these offsets holds one string instead of one per piece.
	 */
	static int[] pieceStarts(String text) {
		int words = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				words++;
			}
		}
		int[] starts = new int[(words + WORDS_PER_PIECE - 1) / WORDS_PER_PIECE];
		int spaces = 0;
		int piece = 1;
		for (int i = 0; i < text.length() && piece < starts.length; i++) {
			if (text.charAt(i) == ' ' && ++spaces == piece * WORDS_PER_PIECE) {
				starts[piece++] = i;
			}
		}
		return starts;
	}

	static String piece(String text, int[] starts, int index) {
		int end = (index + 1 < starts.length) ? starts[index + 1] : text.length();
		return text.substring(starts[index], end);
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
