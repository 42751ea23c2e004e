package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.cloud.storage.Storage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageBackgroundWork;
import io.hardening.storage.StorageException;
import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.storage.gcs.GcsTestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;

import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The storage's background work in an application: the auto decision, the spool's replay
 * and the filesystem's writability check run on the scheduler built by Boot's
 * {@code ThreadPoolTaskSchedulerBuilder} (the application's {@link TaskDecorator} bean
 * wraps them), on threads named {@code hardening-storage-}; they stop when the context
 * closes, before the GCS client is closed, and never run after.
 */
class StorageBackgroundWorkAutoConfigurationTests {

	private static final String PREFIX = StorageBackgroundWork.THREAD_NAME_PREFIX;

	@TempDir
	Path root;

	/** Threads of every task the application's TaskDecorator wrapped. */
	private final List<String> decorated = new CopyOnWriteArrayList<>();

	/** Threads of the bucket checks ({@code Storage.get(bucket)}) of the GCS client. */
	private final List<String> bucketChecks = new CopyOnWriteArrayList<>();

	private final AtomicReference<StorageBackgroundWork<?>> work = new AtomicReference<>();

	private final AtomicReference<Boolean> workRunningWhenClientClosed = new AtomicReference<>();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
					TaskSchedulingAutoConfiguration.class, StorageAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root.resolve("data"),
					"hardening.storage.replay-interval=50ms",
					// The application's scheduler settings name and size its own
					// scheduler.
					"spring.task.scheduling.thread-name-prefix=app-scheduling-", "spring.task.scheduling.pool.size=5");
	}

	private TaskDecorator recordingDecorator(AtomicReference<ExperimentStorage> storage, List<String> recoveredOn) {
		return (task) -> () -> {
			String thread = Thread.currentThread().getName();
			this.decorated.add(thread);
			ExperimentStorage current = storage.get();
			boolean failingBefore = current != null && !current.status().ready();
			task.run();
			if (failingBefore && current.status().ready()) {
				recoveredOn.add(thread);
			}
		};
	}

	@Test
	void filesystemWritabilityCheckRunsOnStorageThreadsOfBootsSchedulerAndNeverAfterClose() throws IOException {
		AtomicReference<ExperimentStorage> storageRef = new AtomicReference<>();
		List<String> recoveredOn = new CopyOnWriteArrayList<>();
		AtomicInteger runsAfterClose = new AtomicInteger();
		runner().withPropertyValues("hardening.storage.mode=filesystem")
			.withBean(TaskDecorator.class, () -> recordingDecorator(storageRef, recoveredOn))
			.run((context) -> {
				ExperimentStorage storage = context.getBean(ExperimentStorage.class);
				storageRef.set(storage);
				// A file where the storage folder should be: every write fails.
				Path data = Files.writeString(this.root.resolve("data"), "not a folder");
				assertThatExceptionOfType(StorageException.class)
					.isThrownBy(() -> storage.store("exp-1", json("{}"), json("{}")));
				assertThat(storage.status().ready()).isFalse();
				Files.delete(data);
				// No write arrives: only the background check can find the disk writable.
				await().atMost(Duration.ofSeconds(5)).until(() -> storage.status().ready());
				assertThat(recoveredOn).singleElement().satisfies((thread) -> assertThat(thread).startsWith(PREFIX));
				assertThat(this.decorated).allSatisfy((thread) -> assertThat(thread).startsWith(PREFIX));
				StorageBackgroundWork<?> work = context.getBean(StorageBackgroundWork.class);
				assertThat(work.isRunning()).isTrue();
				context.close();
				assertThat(work.isRunning()).isFalse();
				int runs = this.decorated.size();
				// Ten intervals without a round.
				await().during(Duration.ofMillis(500))
					.atMost(Duration.ofSeconds(2))
					.until(() -> this.decorated.size() == runs);
				runsAfterClose.set(this.decorated.size() - runs);
			});
		assertThat(runsAfterClose).hasValue(0);
	}

	@Test
	void autoDecisionChecksTheBucketOnStorageThreadsOfBootsScheduler() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			runner().withPropertyValues("hardening.storage.gcs.bucket=bucket")
				.withBean(Storage.class, () -> recordingClient(server))
				.withBean(TaskDecorator.class, () -> recordingDecorator(new AtomicReference<>(), List.of()))
				.run((context) -> {
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage.store("exp-1", json("{}"), json("{}")))
						.hasToString("gs://bucket/exp-1/record.json");
					assertThat(storage.status().backend()).isEqualTo("gcs");
					assertThat(this.bucketChecks).isNotEmpty()
						.allSatisfy((thread) -> assertThat(thread).startsWith(PREFIX));
					assertThat(this.decorated).isNotEmpty()
						.allSatisfy((thread) -> assertThat(thread).startsWith(PREFIX));
				});
		}
	}

	@Test
	void gcsReplayRunsOnStorageThreadsAndStopsBeforeTheClientIsClosed() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			server.setFailing(true);
			runner()
				.withPropertyValues("hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.write-timeout=1s")
				.withBean(Storage.class, () -> recordingClient(server))
				.run((context) -> {
					this.work.set(context.getBean(StorageBackgroundWork.class));
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage.store("exp-1", json("{}"), json("{}")))
						.hasToString("gs://bucket/exp-1/record.json");
					// At least one: a round counting the spool while the store adds to it
					// may count the record twice until the next round.
					assertThat(storage.status().pendingReplay()).isPositive();
					server.setFailing(false);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> server.creations("exp-1/record.json") == 1
								&& storage.status().pendingReplay() == 0);
					// No InitTracker here: the rounds' bucket checks and the init
					// component's check they asked for all ran on the storage's threads.
					assertThat(this.bucketChecks).isNotEmpty()
						.allSatisfy((thread) -> assertThat(thread).startsWith(PREFIX));
				});
			assertThat(this.workRunningWhenClientClosed).hasValue(false);
		}
	}

	/**
	 * The real client for the stand-in, recording the thread of each bucket check and
	 * whether the background work still ran when the context closed the client.
	 */
	private Storage recordingClient(FakeGcsServer server) {
		Storage client = GcsTestStorage.client(server.url());
		return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] { Storage.class },
				(proxy, method, args) -> {
					if (method.getName().equals("get") && args != null && args[0] instanceof String) {
						this.bucketChecks.add(Thread.currentThread().getName());
					}
					if (method.getName().equals("close")) {
						StorageBackgroundWork<?> current = this.work.get();
						this.workRunningWhenClientClosed.set(current != null && current.isRunning());
					}
					try {
						return method.invoke(client, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
