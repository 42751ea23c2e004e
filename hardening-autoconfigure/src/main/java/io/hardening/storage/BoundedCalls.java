package io.hardening.storage;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;

/**
 * Runs blocking calls to a remote backend on worker threads and gives up waiting after a
 * timeout, whatever retry budget the client has. A call that runs late may still finish
 * in the background: writes are idempotent, so that is harmless.
 */
public final class BoundedCalls implements AutoCloseable {

	private final ExecutorService executor;

	/**
	 * Creates workers named after the given prefix, with a queue four times the number of
	 * workers.
	 * @param threadNamePrefix the thread name prefix
	 * @param maxThreads the largest number of calls running at once
	 */
	public BoundedCalls(String threadNamePrefix, int maxThreads) {
		this(threadNamePrefix, maxThreads, maxThreads * 4);
	}

	/**
	 * Creates workers named after the given prefix.
	 * @param threadNamePrefix the thread name prefix
	 * @param maxThreads the largest number of calls running at once
	 * @param maxQueued the largest number of calls waiting for a worker; more are refused
	 * at once (a queued call still counts against its own timeout)
	 */
	public BoundedCalls(String threadNamePrefix, int maxThreads, int maxQueued) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(maxQueued), DaemonThreads.named(threadNamePrefix));
		executor.allowCoreThreadTimeOut(true);
		this.executor = executor;
	}

	/**
	 * Runs the call and waits for it at most the timeout.
	 * @param <T> the result type
	 * @param what what the call does, for messages
	 * @param timeout the longest wait
	 * @param call the call
	 * @return its result
	 * @throws StorageException unchanged when the call threw one (a conflict, for
	 * example)
	 * @throws StorageUnavailableException when the call failed otherwise, timed out or
	 * was refused
	 */
	public <T> T call(String what, Duration timeout, Callable<T> call) {
		Future<T> future;
		try {
			future = this.executor.submit(call);
		}
		catch (RejectedExecutionException ex) {
			throw new StorageUnavailableException(what + " refused: too many calls in flight", ex);
		}
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new StorageUnavailableException(what + " did not answer within " + timeout.toMillis() + "ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			throw new StorageUnavailableException(what + " interrupted", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof StorageException storageException) {
				throw storageException;
			}
			throw new StorageUnavailableException(what + " failed: " + Sanitizer.describe(cause), cause);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
