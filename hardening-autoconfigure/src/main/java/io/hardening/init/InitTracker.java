package io.hardening.init;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hardening.support.DaemonThreads;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Initializes {@link InitComponent components} in the background, bounds each attempt,
 * retries failures with backoff and keeps the {@link InitStatus} of each current.
 * <p>
 * Nothing here blocks the caller: {@link #start()} schedules the first attempts and
 * returns, {@link #retryNow(String)} returns a future. Concurrent retries of one
 * component share a single attempt.
 * <p>
 * Each attempt runs on a thread of its own, and a component has at most one such thread
 * alive: an attempt past its timeout is interrupted and counted as a failure, but when it
 * ignores the interrupt (a component stuck in I/O), no new attempt starts until its
 * thread has returned. The status says so meanwhile ({@code attemptStillRunning}), and
 * the retry that was due then runs at once.
 */
public final class InitTracker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InitTracker.class);

	/**
	 * Longest error text kept for a component.
	 */
	public static final int MAX_ERROR_LENGTH = 500;

	private final Map<String, TrackedComponent> components;

	private final Map<String, ThreadFactory> threads;

	private final BackOff backOff;

	private final Duration attemptTimeout;

	private final Clock clock;

	private final List<InitAttemptListener> listeners;

	// Made anew by each start(): a context can be stopped and started again (the test
	// framework pauses cached contexts), and a shut-down executor cannot be restarted.
	private volatile ScheduledExecutorService scheduler = newScheduler();

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Creates a tracker for the given components.
	 * @param components the components, with unique names
	 * @param backOff delays between automatic attempts, one execution per series of
	 * failures; {@link BackOffExecution#STOP} ends automatic retries
	 * @param attemptTimeout longest one attempt may run
	 * @param clock source of timestamps
	 * @param listeners told about every finished attempt
	 */
	public InitTracker(Collection<? extends InitComponent> components, BackOff backOff, Duration attemptTimeout,
			Clock clock, List<InitAttemptListener> listeners) {
		Assert.isTrue(attemptTimeout.toMillis() > 0, "'attemptTimeout' must be positive");
		Map<String, TrackedComponent> tracked = new LinkedHashMap<>();
		Map<String, ThreadFactory> threads = new LinkedHashMap<>();
		for (InitComponent component : components) {
			Assert.hasText(component.name(), "Init component name must not be empty: " + component);
			TrackedComponent previous = tracked.put(component.name(), new TrackedComponent(component));
			Assert.state(previous == null, () -> "Two init components are named '" + component.name() + "'");
			threads.put(component.name(), DaemonThreads.named("hardening-init-" + component.name() + "-"));
		}
		this.components = Collections.unmodifiableMap(tracked);
		this.threads = Map.copyOf(threads);
		this.backOff = backOff;
		this.attemptTimeout = attemptTimeout;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Schedules an attempt of every component not yet READY and returns at once.
	 */
	@Override
	public void start() {
		if (this.scheduler.isShutdown()) {
			this.scheduler = newScheduler();
		}
		this.stopped = false;
		this.running = true;
		this.components.values()
			.stream()
			.filter((component) -> !component.status().initialized())
			.forEach((component) -> attempt(component));
	}

	/**
	 * Stops scheduling attempts and interrupts those running.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.stopped = true;
		this.scheduler.shutdownNow();
		this.components.values().forEach(TrackedComponent::interruptWorker);
	}

	private static ScheduledExecutorService newScheduler() {
		return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hardening-init-scheduler-"));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Names of the tracked components, in registration order.
	 * @return the names
	 */
	public Collection<String> names() {
		return this.components.keySet();
	}

	/**
	 * Current status of every component, in registration order.
	 * @return the statuses
	 */
	public List<InitStatus> statuses() {
		return this.components.values().stream().map(TrackedComponent::status).toList();
	}

	/**
	 * Current status of one component.
	 * @param name the component name
	 * @return its status, empty for an unknown name
	 */
	public Optional<InitStatus> status(String name) {
		return Optional.ofNullable(this.components.get(name)).map(TrackedComponent::status);
	}

	/**
	 * Whether the named component is initialized.
	 * @param name the component name
	 * @return {@code true} when it is READY
	 */
	public boolean isReady(String name) {
		return status(name).map(InitStatus::initialized).orElse(false);
	}

	/**
	 * Starts an attempt now, or joins the one in flight. A READY component is left alone.
	 * @param name the component name
	 * @return the attempt's resulting status, empty for an unknown name
	 */
	public Optional<CompletableFuture<InitStatus>> retryNow(String name) {
		TrackedComponent component = this.components.get(name);
		if (component == null) {
			return Optional.empty();
		}
		InitStatus status = component.status();
		if (status.initialized()) {
			return Optional.of(CompletableFuture.completedFuture(status));
		}
		return Optional.of(attempt(component));
	}

	private CompletableFuture<InitStatus> attempt(TrackedComponent component) {
		CompletableFuture<InitStatus> result = new CompletableFuture<>();
		CompletableFuture<InitStatus> inFlight = component.joinOrBegin(result, this.clock.instant());
		if (inFlight != null) {
			return inFlight;
		}
		if (this.stopped) {
			result
				.complete(finish(component, new IllegalStateException("Application is shutting down"), Duration.ZERO));
			return result;
		}
		long started = System.nanoTime();
		CompletableFuture<Void> run = new CompletableFuture<>();
		Thread worker = this.threads.get(component.component().name()).newThread(() -> work(component, run));
		component.workerStarted(worker);
		worker.start();
		run.orTimeout(this.attemptTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof TimeoutException) {
				component.interruptWorker();
			}
			result.complete(finish(component, cause, Duration.ofNanos(System.nanoTime() - started)));
		});
		return result;
	}

	private void work(TrackedComponent component, CompletableFuture<Void> run) {
		Throwable failure = null;
		try {
			component.component().initialize();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		// The thread counts as ended before the outcome is recorded, so a retry asked
		// for once the outcome shows never finds this thread still registered. An
		// attempt asked for while it ran past its timeout starts now.
		boolean attemptWanted = component.workerEnded(Thread.currentThread(), timeoutError());
		if (failure == null) {
			run.complete(null);
		}
		else {
			run.completeExceptionally(failure);
		}
		if (attemptWanted && !this.stopped) {
			attempt(component);
		}
	}

	private String timeoutError() {
		return "Initialization attempt timed out after " + this.attemptTimeout.toMillis() + "ms";
	}

	private InitStatus finish(TrackedComponent component, Throwable failure, Duration duration) {
		String name = component.component().name();
		InitStatus before = component.status();
		InitOutcome outcome;
		InitStatus after;
		Duration delay = null;
		if (failure == null) {
			outcome = InitOutcome.SUCCESS;
			after = before.succeeded(this.clock.instant());
			logger.info(LogMessage.format("Init component '%s' is ready after %d attempt(s)", name,
					before.retryCount() + 1));
		}
		else {
			outcome = (failure instanceof TimeoutException) ? InitOutcome.TIMEOUT : InitOutcome.FAILURE;
			boolean stillRunning = outcome == InitOutcome.TIMEOUT && component.isWorkerRunning();
			String error = (outcome == InitOutcome.TIMEOUT)
					? timeoutError() + (stillRunning ? " and is still running" : "")
					: Sanitizer.sanitize(Sanitizer.describe(failure), MAX_ERROR_LENGTH);
			long next = this.running ? component.nextBackOff(this.backOff) : BackOffExecution.STOP;
			if (next != BackOffExecution.STOP) {
				delay = Duration.ofMillis(next);
			}
			after = before.failed(error, (delay != null) ? this.clock.instant().plus(delay) : null, stillRunning);
			logger.warn(LogMessage.format("Init component '%s' failed (attempt %d): %s; %s", name,
					before.retryCount() + 1, error,
					(delay != null) ? "next retry in " + delay.toMillis() + "ms" : "no automatic retry"));
		}
		Duration retryDelay = delay;
		component.finish(after, timeoutError(),
				(retryDelay != null) ? () -> scheduleRetry(component, retryDelay) : null);
		for (InitAttemptListener listener : this.listeners) {
			listener.attemptFinished(name, outcome, duration);
		}
		return after;
	}

	private ScheduledFuture<?> scheduleRetry(TrackedComponent component, Duration delay) {
		try {
			return this.scheduler.schedule(() -> attempt(component), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

}
