package io.hardening.reasoning.stream;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Time budgets of one model's call in a stream, and how many attempts it may make before
 * its first piece of text.
 *
 * @param firstToken longest wait for the first piece of text, retries included
 * @param total longest time for the whole answer, retries included
 * @param maxAttempts most attempts of a call that fails before any of its text was sent
 * with a retryable error (1 retries nothing)
 */
public record ModelBudget(Duration firstToken, Duration total, int maxAttempts) {

	public ModelBudget {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
	}

	/**
	 * A budget whose calls are not retried.
	 * @param firstToken longest wait for the first piece of text
	 * @param total longest time for the whole answer
	 */
	public ModelBudget(Duration firstToken, Duration total) {
		this(firstToken, total, 1);
	}

	/**
	 * Returns this budget with both durations capped at a stream's budget.
	 * @param streamTimeout the stream's budget
	 * @return the capped budget
	 */
	public ModelBudget cappedAt(Duration streamTimeout) {
		return new ModelBudget(min(this.firstToken, streamTimeout), min(this.total, streamTimeout), this.maxAttempts);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
