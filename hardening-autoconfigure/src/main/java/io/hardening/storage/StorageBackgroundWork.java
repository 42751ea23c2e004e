package io.hardening.storage;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.hardening.storage.gcs.ReplayRound;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The background work of one storage, and the bean that carries the storage to the
 * {@code experimentStorage} bean: the auto-mode decision (started with the application),
 * and every {@code hardening.storage.replay-interval} a round: the spool's replay to GCS,
 * or in filesystem mode the check that finds out when writes succeed again.
 * <p>
 * The work runs on a scheduler of its own, built by Boot's
 * {@link ThreadPoolTaskSchedulerBuilder} (see {@link #newScheduler}), with threads named
 * {@value #THREAD_NAME_PREFIX}{@code N}. Not on the application's {@code TaskScheduler}
 * bean, on purpose: Boot only creates one when the application uses
 * {@code @EnableScheduling}; it has one thread by default, which a round blocked on a
 * slow GCS would take from the application's own {@code @Scheduled} tasks (and theirs
 * from the auto decision, which must finish within its startup timeout); and it stops
 * accepting tasks when the context closes, before the last replay round this class runs
 * on stop.
 * <p>
 * Each storage is carried by this bean rather than being a bean of its own: every storage
 * implements {@link ExperimentStorage}, and a second bean of that type would turn off the
 * starter's {@code experimentStorage} bean ({@code @ConditionalOnMissingBean}) and make
 * injection ambiguous. The configuration that builds the storage registers its work with
 * the objects it built; nothing here looks at the {@code ExperimentStorage} bean, which a
 * user may have decorated or replaced, and nothing here decides readiness.
 *
 * @param <S> the type of the storage
 */
public class StorageBackgroundWork<S extends ExperimentStorage> implements SmartLifecycle, DisposableBean {

	/**
	 * Prefix of the names of the threads the storage's background work runs on.
	 */
	public static final String THREAD_NAME_PREFIX = "hardening-storage-";

	/**
	 * Threads of the scheduler: one for a round, one for the auto decision (a bucket
	 * check that may hang until its timeout must not delay a round, nor a round the
	 * decision).
	 */
	static final int POOL_SIZE = 2;

	private static final Duration MAX_FINAL_ROUND = Duration.ofSeconds(10);

	private static final Duration INTERRUPTED_TASK_GRACE = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(StorageBackgroundWork.class);

	private final S storage;

	private final ThreadPoolTaskScheduler scheduler;

	private final Duration interval;

	private final Supplier<ReplayRound> round;

	private final Runnable startAction;

	private final Runnable remoteAnswered;

	private volatile ScheduledFuture<?> rounds;

	private volatile boolean schedulerShutDown;

	/**
	 * Creates the work of a storage that only needs its rounds.
	 * @param storage the storage this work serves, handed to the
	 * {@code experimentStorage} bean
	 * @param scheduler the scheduler, from {@link #newScheduler}; this object owns it and
	 * shuts it down
	 * @param interval how often to run a round
	 * @param round runs one round
	 */
	public StorageBackgroundWork(S storage, ThreadPoolTaskScheduler scheduler, Duration interval,
			Supplier<ReplayRound> round) {
		this(storage, scheduler, interval, round, () -> {
		}, () -> {
		});
	}

	/**
	 * Creates the work.
	 * @param storage the storage this work serves, handed to the
	 * {@code experimentStorage} bean
	 * @param scheduler the scheduler, from {@link #newScheduler}; this object owns it and
	 * shuts it down
	 * @param interval how often to run a round
	 * @param round runs one round (auto mode: a round of whatever the decision chose,
	 * nothing while undecided)
	 * @param startAction run once when the application starts, before the first round; it
	 * must not block (the auto decision hands its check to the same scheduler)
	 * @param remoteAnswered run after each round in which GCS answered the bucket check;
	 * gcs mode asks the owner of readiness, the {@code storage} init component, to check
	 * now
	 */
	public StorageBackgroundWork(S storage, ThreadPoolTaskScheduler scheduler, Duration interval,
			Supplier<ReplayRound> round, Runnable startAction, Runnable remoteAnswered) {
		this.storage = storage;
		this.scheduler = scheduler;
		this.interval = interval;
		this.round = round;
		this.startAction = startAction;
		this.remoteAnswered = remoteAnswered;
	}

	/**
	 * Builds and initializes the scheduler for the storage's work (no thread starts until
	 * the first task). Boot's builder brings the application's
	 * {@code ThreadPoolTaskSchedulerCustomizer}s and {@code TaskDecorator}; the thread
	 * names ({@value #THREAD_NAME_PREFIX}), daemon threads, the pool size and the
	 * shutdown behaviour are the storage's own, set after the customizers, because the
	 * {@code spring.task.scheduling.*} pool and shutdown settings size and bound the
	 * application's scheduler, not this work (whose shutdown bound is documented on
	 * {@link #stop()}).
	 * @param builder Boot's builder, as configured by {@code spring.task.scheduling.*}
	 * @return the initialized scheduler
	 */
	public static ThreadPoolTaskScheduler newScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		ThreadPoolTaskScheduler scheduler = builder.build();
		scheduler.setThreadNamePrefix(THREAD_NAME_PREFIX);
		// Work that hangs on an unresponsive host must never keep the JVM from exiting.
		scheduler.setDaemon(true);
		scheduler.setPoolSize(POOL_SIZE);
		scheduler.setRemoveOnCancelPolicy(true);
		// stop() bounds the last round itself; shutting down interrupts what still runs.
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		scheduler.setAwaitTerminationMillis(0);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Returns the storage this work serves.
	 * @return the storage
	 */
	public S storage() {
		return this.storage;
	}

	@Override
	public void start() {
		if (this.rounds != null) {
			return;
		}
		if (this.schedulerShutDown) {
			// Started again after a stop (context stop, then start).
			this.scheduler.initialize();
			this.schedulerShutDown = false;
		}
		this.startAction.run();
		this.rounds = this.scheduler.scheduleWithFixedDelay(this::runRound, this.interval);
	}

	void runRound() {
		try {
			if (this.round.get().remoteAnswered()) {
				this.remoteAnswered.run();
			}
		}
		catch (RuntimeException ex) {
			// A failed round must not end the schedule.
			logger.warn(LogMessage.format("Storage replay round failed: %s", Sanitizer.describe(ex)));
		}
	}

	/**
	 * Stops the schedule (a round that is running is interrupted), then gives what is
	 * still spooled (the run records of streams that the shutdown ended among them) one
	 * last round, and shuts the scheduler down. All of it is bounded by the replay
	 * interval and at most 10 seconds: a last round still running then is interrupted,
	 * and given one more second to end before its (daemon) thread is abandoned. Once this
	 * returns no task of this work starts again.
	 */
	@Override
	public void stop() {
		ScheduledFuture<?> current = this.rounds;
		if (current == null) {
			return;
		}
		this.rounds = null;
		long deadline = System.nanoTime() + bound().toNanos();
		current.cancel(true);
		try {
			finalRound(deadline);
		}
		finally {
			shutDownScheduler(deadline);
		}
	}

	private void finalRound(long deadline) {
		Future<?> last;
		try {
			last = this.scheduler.submit(this::runRound);
		}
		catch (TaskRejectedException ex) {
			return;
		}
		try {
			last.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			last.cancel(true);
			logger.warn("The last storage replay round did not finish in time; spooled records stay spooled "
					+ "and are replayed at the next start");
		}
		catch (InterruptedException ex) {
			last.cancel(true);
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn(LogMessage.format("The last storage replay round failed: %s", Sanitizer.describe(ex)));
		}
	}

	private void shutDownScheduler(long deadline) {
		if (this.schedulerShutDown) {
			return;
		}
		this.schedulerShutDown = true;
		ScheduledExecutorService executor = this.scheduler.getScheduledExecutor();
		this.scheduler.shutdown();
		try {
			long wait = Math.max(0, deadline - System.nanoTime()) + INTERRUPTED_TASK_GRACE.toNanos();
			if (!executor.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
				logger.warn("A storage task did not end when interrupted; its daemon thread is abandoned");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Duration bound() {
		return (this.interval.compareTo(MAX_FINAL_ROUND) < 0) ? this.interval : MAX_FINAL_ROUND;
	}

	/**
	 * Shuts the scheduler down if {@link #stop()} did not (a context that failed to
	 * start), without a last round.
	 */
	@Override
	public void destroy() {
		this.rounds = null;
		shutDownScheduler(System.nanoTime());
	}

	/**
	 * Stops after the reasoning runs ended their streams and saved their records, and
	 * before the web server's graceful shutdown.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 768;
	}

	@Override
	public boolean isRunning() {
		return this.rounds != null;
	}

}
