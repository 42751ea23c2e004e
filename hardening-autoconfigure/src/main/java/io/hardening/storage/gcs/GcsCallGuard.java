package io.hardening.storage.gcs;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.hardening.storage.PermanentStorageException;
import io.hardening.storage.StorageException;
import io.hardening.storage.StorageUnavailableException;
import io.hardening.support.Sanitizer;

import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * Runs every GCS data call through a Spring Cloud Circuit Breaker (Resilience4j):
 * instance {@code storage} for writes and deletes, {@code storage-read} for reads and
 * listings, each with its own TimeLimiter and bulkhead, configured by the standard
 * {@code resilience4j.*} keys. This is the only wait on GCS: there is no other timeout
 * around these calls.
 * <p>
 * Only outages count as breaker failures: timeouts, connection failures, 408, 429 and 5xx
 * answers. Any other 4xx is a permanent error: it reaches the caller as a
 * {@link PermanentStorageException}, is counted, and leaves the breaker alone, as do the
 * storage's own answers (a conflict, an invalid document).
 */
public class GcsCallGuard {

	/**
	 * Name of the breaker, time limiter and bulkhead of writes and deletes.
	 */
	public static final String WRITE = "storage";

	/**
	 * Name of the breaker, time limiter and bulkhead of reads and listings.
	 */
	public static final String READ = "storage-read";

	private final CircuitBreaker write;

	private final CircuitBreaker read;

	private final AtomicLong permanentErrors = new AtomicLong();

	private volatile boolean writesFailing;

	/**
	 * Creates the guard.
	 * @param factory the blocking circuit breaker factory
	 */
	public GcsCallGuard(CircuitBreakerFactory<?, ?> factory) {
		// A group of its own gives each instance its own executor, time limiter and
		// bulkhead of the same name.
		this.write = factory.create(WRITE, WRITE);
		this.read = factory.create(READ, READ);
	}

	/**
	 * Creates a guard on a factory of its own, for applications without Spring Cloud's
	 * circuit breaker auto-configuration: breakers open when half of at least 5 calls
	 * failed, stay open for {@code openWait}, and calls wait at most {@code timeout}.
	 * @param timeout the time limit of one call
	 * @param openWait how long an open breaker refuses calls
	 * @return the guard
	 */
	public static GcsCallGuard standalone(Duration timeout, Duration openWait) {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.minimumNumberOfCalls(5)
			.slidingWindowSize(20)
			.waitDurationInOpenState(openWait)
			.permittedNumberOfCallsInHalfOpenState(1)
			.build());
		TimeLimiterRegistry limiters = TimeLimiterRegistry
			.of(TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
		BulkheadRegistry bulkheads = BulkheadRegistry
			.of(BulkheadConfig.custom().maxConcurrentCalls(32).maxWaitDuration(Duration.ZERO).build());
		for (String name : new String[] { WRITE, READ }) {
			breakers.circuitBreaker(name);
			limiters.timeLimiter(name);
			// A registered semaphore bulkhead is used instead of a thread pool one.
			bulkheads.bulkhead(name);
		}
		Resilience4JConfigurationProperties properties = new Resilience4JConfigurationProperties();
		return new GcsCallGuard(new Resilience4JCircuitBreakerFactory(breakers, limiters,
				new Resilience4jBulkheadProvider(ThreadPoolBulkheadRegistry.ofDefaults(), bulkheads, properties),
				properties));
	}

	<T> T write(String what, Supplier<T> call) {
		try {
			T value = run(this.write, WRITE, what, call);
			this.writesFailing = false;
			return value;
		}
		catch (StorageUnavailableException ex) {
			if (!(ex instanceof PermanentStorageException)) {
				this.writesFailing = true;
			}
			throw ex;
		}
	}

	<T> T read(String what, Supplier<T> call) {
		return run(this.read, READ, what, call);
	}

	/**
	 * How many calls GCS refused with a permanent error.
	 * @return the count
	 */
	public long permanentErrors() {
		return this.permanentErrors.get();
	}

	/**
	 * Whether the last write failed with an outage or was refused by the open breaker.
	 * @return whether writes are failing
	 */
	public boolean writesFailing() {
		return this.writesFailing;
	}

	private <T> T run(CircuitBreaker breaker, String name, String what, Supplier<T> call) {
		Outcome<T> outcome = breaker.run(() -> {
			try {
				return new Outcome<>(call.get(), null);
			}
			catch (RuntimeException ex) {
				if (isOutage(ex)) {
					throw ex;
				}
				// Returned, not thrown, so that the breaker counts it as a success.
				return new Outcome<>(null, ex);
			}
		}, (failure) -> {
			// Spring Cloud wraps a failure without a fallback in a
			// NoFallbackAvailableException: this one keeps its kind.
			throw unavailable(name, what, failure);
		});
		if (outcome.failure() != null) {
			throw refused(what, outcome.failure());
		}
		return outcome.value();
	}

	private static boolean isOutage(RuntimeException ex) {
		if (ex instanceof com.google.cloud.storage.StorageException gcs) {
			int code = gcs.getCode();
			return code < 400 || code >= 500 || code == 408 || code == 429;
		}
		// A conflict or an invalid document is an answer, not an outage.
		return !(ex instanceof StorageException) || ex instanceof StorageUnavailableException;
	}

	private RuntimeException refused(String what, RuntimeException ex) {
		if (ex instanceof com.google.cloud.storage.StorageException gcs) {
			this.permanentErrors.incrementAndGet();
			return new PermanentStorageException(
					what + " refused by GCS (" + gcs.getCode() + "): " + Sanitizer.describe(gcs), gcs);
		}
		return ex;
	}

	private static RuntimeException unavailable(String name, String what, Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof StorageUnavailableException unavailable) {
			return unavailable;
		}
		if (cause instanceof TimeoutException) {
			return new StorageUnavailableException(
					what + " did not answer within the time limit of '" + name + "' (resilience4j.timelimiter)", cause);
		}
		if (cause instanceof CallNotPermittedException) {
			return new StorageUnavailableException(what + " not attempted: " + cause.getMessage(), cause);
		}
		if (cause instanceof BulkheadFullException) {
			return new StorageUnavailableException(what + " refused: " + cause.getMessage(), cause);
		}
		return new StorageUnavailableException(what + " failed: " + Sanitizer.describe(cause), cause);
	}

	private record Outcome<T>(T value, RuntimeException failure) {

	}

}
