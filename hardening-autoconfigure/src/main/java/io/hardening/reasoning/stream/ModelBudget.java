package io.hardening.reasoning.stream;

import java.time.Duration;

/**
 * Time budgets of one model's call in a stream.
 *
 * @param firstToken longest wait for the first piece of text
 * @param total longest time for the whole answer
 */
public record ModelBudget(Duration firstToken, Duration total) {

	/**
	 * Returns this budget with both parts capped at a stream's budget.
	 * @param streamTimeout the stream's budget
	 * @return the capped budget
	 */
	public ModelBudget cappedAt(Duration streamTimeout) {
		return new ModelBudget(min(this.firstToken, streamTimeout), min(this.total, streamTimeout));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
