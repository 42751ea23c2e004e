package io.hardening.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.storage.gcs.GcsExperimentStorage;
import io.hardening.storage.gcs.GcsTestStorage;
import io.hardening.storage.gcs.ReplayRound;
import io.hardening.storage.gcs.SpoolingExperimentStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storage's background work: rounds on a scheduler built by Boot's builder, on
 * threads named {@code hardening-storage-}, a last round on stop, nothing after it, and a
 * stop that a hanging round cannot hold up past its bound.
 */
class StorageBackgroundWorkTests {

	@TempDir
	Path spool;

	private final List<String> roundThreads = new CopyOnWriteArrayList<>();

	@Test
	void replayInBackgroundDeliversSpooledRecordsOnceGcsAnswers() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			SpoolingExperimentStorage storage = spoolingOver(server);
			server.setFailing(true);
			StorageBackgroundWork<SpoolingExperimentStorage> work = work(storage, Duration.ofMillis(100),
					recording(storage::replayRound));
			work.start();
			try {
				for (int i = 0; i < 5; i++) {
					storage.store("exp-" + i, json("{\"i\":" + i + "}"), json("{}"));
				}
				assertThat(storage.status().pendingReplay()).isEqualTo(5);
				assertThat(storage.status().ready()).isFalse();
				server.setFailing(false);
				await().atMost(Duration.ofSeconds(10)).until(() -> storage.status().pendingReplay() == 0);
				// Replay delivers, but readiness belongs to its owner's check alone.
				assertThat(storage.status().ready()).isFalse();
				for (int i = 0; i < 5; i++) {
					assertThat(server.creations("p/exp-" + i + "/record.json")).isEqualTo(1);
				}
			}
			finally {
				work.stop();
			}
			assertThat(work.isRunning()).isFalse();
			assertThat(this.roundThreads).isNotEmpty()
				.allSatisfy((name) -> assertThat(name).startsWith(StorageBackgroundWork.THREAD_NAME_PREFIX));
		}
	}

	@Test
	void stopGivesWhatIsStillSpooledOneLastRound() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			SpoolingExperimentStorage storage = spoolingOver(server);
			server.setFailing(true);
			// Rounds an hour apart: only the first (GCS failing) and the last one run.
			StorageBackgroundWork<SpoolingExperimentStorage> work = work(storage, Duration.ofHours(1),
					recording(storage::replayRound));
			work.start();
			for (int i = 0; i < 3; i++) {
				storage.store("late-" + i, json("{\"i\":" + i + "}"), json("{}"));
			}
			assertThat(storage.status().pendingReplay()).isEqualTo(3);
			server.setFailing(false);
			work.stop();
			assertThat(storage.status().pendingReplay()).isZero();
			for (int i = 0; i < 3; i++) {
				assertThat(server.creations("p/late-" + i + "/record.json")).isEqualTo(1);
			}
			// The last round ran on the scheduler too, not on the thread that stopped it.
			assertThat(this.roundThreads).hasSize(2)
				.allSatisfy((name) -> assertThat(name).startsWith(StorageBackgroundWork.THREAD_NAME_PREFIX));
		}
	}

	@Test
	void schedulerIsBootsBuilderWithItsDecoratorAndCustomizersButTheStoragesThreadNames() {
		List<String> decorated = new CopyOnWriteArrayList<>();
		// What Boot's task scheduling auto-configuration puts in the builder from
		// spring.task.scheduling.*, a TaskDecorator bean and customizer beans.
		ThreadPoolTaskSchedulerBuilder builder = new ThreadPoolTaskSchedulerBuilder().poolSize(7)
			.threadNamePrefix("scheduling-")
			.taskDecorator((task) -> () -> {
				decorated.add(Thread.currentThread().getName());
				task.run();
			})
			.customizers((scheduler) -> scheduler.setThreadNamePrefix("app-"));
		ThreadPoolTaskScheduler scheduler = StorageBackgroundWork.newScheduler(builder);
		StorageBackgroundWork<ExperimentStorage> work = new StorageBackgroundWork<>(null, scheduler,
				Duration.ofMillis(20), recording(() -> ReplayRound.IDLE));
		// Sized for its own two tasks, not by spring.task.scheduling.pool.size.
		assertThat(((ScheduledThreadPoolExecutor) scheduler.getScheduledExecutor()).getCorePoolSize()).isEqualTo(2);
		work.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.roundThreads.size() >= 3);
		}
		finally {
			work.stop();
		}
		assertThat(decorated).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith(StorageBackgroundWork.THREAD_NAME_PREFIX));
		assertThat(this.roundThreads)
			.allSatisfy((name) -> assertThat(name).startsWith(StorageBackgroundWork.THREAD_NAME_PREFIX));
		assertThat(scheduler.isDaemon()).isTrue();
	}

	@Test
	void noRoundRunsAfterStop() {
		AtomicInteger rounds = new AtomicInteger();
		StorageBackgroundWork<ExperimentStorage> work = work(null, Duration.ofMillis(10), () -> {
			rounds.incrementAndGet();
			return ReplayRound.IDLE;
		});
		work.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 5);
		work.stop();
		assertThat(work.isRunning()).isFalse();
		int afterStop = rounds.get();
		// Twenty intervals without a single round.
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> rounds.get() == afterStop);
	}

	@Test
	void stopIsNotHeldUpPastItsBoundByARoundThatIgnoresInterrupts() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch hanging = new CountDownLatch(1);
		StorageBackgroundWork<ExperimentStorage> work = work(null, Duration.ofMillis(300), () -> {
			hanging.countDown();
			awaitIgnoringInterrupts(release);
			return ReplayRound.IDLE;
		});
		work.start();
		try {
			hanging.await();
			long start = System.nanoTime();
			work.stop();
			// The bound: the replay interval for the last round, one second of grace for
			// interrupted tasks; rounds that ignore interrupts are abandoned after that.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 1000 + 700));
			assertThat(work.isRunning()).isFalse();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void startsAgainAfterAStop() {
		AtomicInteger rounds = new AtomicInteger();
		StorageBackgroundWork<ExperimentStorage> work = work(null, Duration.ofMillis(10), () -> {
			rounds.incrementAndGet();
			return ReplayRound.IDLE;
		});
		work.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 2);
		work.stop();
		int afterStop = rounds.get();
		work.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= afterStop + 2);
		}
		finally {
			work.stop();
		}
	}

	@Test
	void remoteAnsweredRunsAfterARoundThatReachedGcsAndAFailedRoundKeepsTheSchedule() {
		AtomicInteger rounds = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		StorageBackgroundWork<ExperimentStorage> work = new StorageBackgroundWork<>(null, scheduler(),
				Duration.ofMillis(10), () -> {
					if (rounds.incrementAndGet() == 1) {
						throw new IllegalStateException("first round fails");
					}
					return new ReplayRound(true, 0);
				}, () -> {
				}, answered::incrementAndGet);
		work.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() >= 2);
		}
		finally {
			work.stop();
		}
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// Like a blocking call that does not answer interrupts.
			}
		}
	}

	private Supplier<ReplayRound> recording(Supplier<ReplayRound> round) {
		return () -> {
			this.roundThreads.add(Thread.currentThread().getName());
			return round.get();
		};
	}

	private static ThreadPoolTaskScheduler scheduler() {
		return StorageBackgroundWork.newScheduler(new ThreadPoolTaskSchedulerBuilder());
	}

	private static <S extends ExperimentStorage> StorageBackgroundWork<S> work(S storage, Duration interval,
			Supplier<ReplayRound> round) {
		return new StorageBackgroundWork<>(storage, scheduler(), interval, round);
	}

	/**
	 * A spooling storage over the stand-in's bucket under prefix {@code p/}, not yet
	 * ready.
	 */
	private SpoolingExperimentStorage spoolingOver(FakeGcsServer server) {
		GcsExperimentStorage gcs = new GcsExperimentStorage(() -> GcsTestStorage.client(server.url()), "bucket", "p/",
				documents(), GcsTestStorage.guard());
		return new SpoolingExperimentStorage(gcs, gcs::checkBucket,
				new FilesystemExperimentStorage(this.spool, documents()), false);
	}

}
