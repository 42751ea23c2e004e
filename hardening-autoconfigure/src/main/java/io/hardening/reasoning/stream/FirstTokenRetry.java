package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.hardening.reasoning.ModelException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.Retry.RetrySignal;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * When a model call is tried again: only before any of its text was sent to the client,
 * only for a failure that may pass (a rate limit that is not a daily quota, HTTP 500 or
 * 503, a refused or reset connection), at most {@link ModelBudget#maxAttempts()}
 * attempts, and only when the wait fits in what is left of the first-token budget.
 * <p>
 * The wait is the service's own hint (Google's {@code RetryInfo.retryDelay} or
 * {@code Retry-After}) when it gave one, else Spring's {@link ExponentialBackOff} with
 * jitter (200 ms, then about twice as long each time, spread by up to half). A hint
 * longer than what is left of the budget ends the retries at once: waiting until the
 * budget is spent would only turn the failure into a timeout.
 */
final class FirstTokenRetry {

	static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private static final long JITTER_MILLIS = 100;

	private FirstTokenRetry() {
	}

	/**
	 * The retry of one call.
	 * @param role {@code flash} or {@code pro}, for the listener
	 * @param budget the call's budget and attempts
	 * @param textSent whether any text of the call was sent
	 * @param elapsed time since the call started
	 * @param listener told about every retry
	 * @return Reactor's retry
	 */
	static Retry of(String role, ModelBudget budget, BooleanSupplier textSent, Supplier<Duration> elapsed,
			ReasoningStreamListener listener) {
		ExponentialBackOff backOff = new ExponentialBackOff(INITIAL_BACKOFF.toMillis(), 2.0);
		backOff.setMaxInterval(MAX_BACKOFF.toMillis());
		backOff.setJitter(JITTER_MILLIS);
		return Retry.from((signals) -> Flux.defer(() -> {
			BackOffExecution execution = backOff.start();
			return signals.concatMap((signal) -> {
				Duration delay = delay(signal, budget, textSent, elapsed, execution);
				if (delay == null) {
					return Mono.error(signal.failure());
				}
				listener.modelRetried(role, reason((ModelException) signal.failure()));
				return Mono.delay(delay);
			});
		}));
	}

	private static Duration delay(RetrySignal signal, ModelBudget budget, BooleanSupplier textSent,
			Supplier<Duration> elapsed, BackOffExecution execution) {
		if (textSent.getAsBoolean() || signal.totalRetries() + 1 >= budget.maxAttempts()
				|| !(signal.failure() instanceof ModelException failure) || !failure.isRetryable()) {
			return null;
		}
		long backOff = (failure.getRetryDelay() != null) ? 0 : execution.nextBackOff();
		if (backOff == BackOffExecution.STOP) {
			return null;
		}
		Duration delay = (failure.getRetryDelay() != null) ? failure.getRetryDelay() : Duration.ofMillis(backOff);
		Duration left = budget.firstToken().minus(elapsed.get());
		return (delay.compareTo(left) < 0) ? delay : null;
	}

	/**
	 * The {@code reason} tag of a retry: {@code rate_limited} (429), {@code unavailable}
	 * (HTTP 5xx) or {@code connection} (refused or reset).
	 */
	static String reason(ModelException failure) {
		if (failure.getKind() == ModelException.Kind.RATE_LIMITED) {
			return "rate_limited";
		}
		return (failure.getStatus() != 0) ? "unavailable" : "connection";
	}

}
