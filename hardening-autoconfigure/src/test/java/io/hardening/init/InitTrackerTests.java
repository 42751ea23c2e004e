package io.hardening.init;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class InitTrackerTests {

	private static final BackOff FAST_RETRY = backOff(Duration.ofMillis(20), 2, Duration.ofMillis(100), 0);

	private final List<String> attempts = new CopyOnWriteArrayList<>();

	private final List<InitTracker> trackers = new ArrayList<>();

	@AfterEach
	void stopTrackers() {
		this.trackers.forEach(InitTracker::stop);
	}

	@Test
	void startReturnsAtOnceWhileAttemptRunsInBackground() {
		TestComponent component = new TestComponent("vertexAi", 0);
		component.gate = new CountDownLatch(1);
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), component);
		assertThat(tracker.status("vertexAi")).get().extracting(InitStatus::state).isEqualTo(InitState.PENDING);
		tracker.start();
		assertThat(tracker.status("vertexAi").get().state()).isEqualTo(InitState.INITIALIZING);
		assertThat(tracker.isReady("vertexAi")).isFalse();
		component.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.isReady("vertexAi"));
		assertThat(this.attempts).containsExactly("vertexAi:SUCCESS");
	}

	@Test
	void failuresAreRetriedWithBackoffUntilTheCauseGoesAway() {
		TestComponent component = new TestComponent("vertexAi", 3);
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), component);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.isReady("vertexAi"));
		InitStatus status = tracker.status("vertexAi").get();
		assertThat(status.retryCount()).isZero();
		assertThat(status.lastError()).isNull();
		assertThat(status.lastSuccess()).isNotNull();
		assertThat(status.nextRetry()).isNull();
		assertThat(component.attempts()).isEqualTo(4);
		assertThat(this.attempts).containsExactly("vertexAi:FAILURE", "vertexAi:FAILURE", "vertexAi:FAILURE",
				"vertexAi:SUCCESS");
	}

	@Test
	void failureRecordsSanitizedErrorGrowingRetryCountAndNextRetry() {
		TestComponent component = new TestComponent("vertexAi", Integer.MAX_VALUE);
		component.failureMessage = "401 from https://x.googleapis.com?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), component);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("vertexAi").get().retryCount() >= 3);
		InitStatus status = tracker.status("vertexAi").get();
		assertThat(status.initialized()).isFalse();
		assertThat(status.lastError()).isEqualTo("401 from https://x.googleapis.com?key=***");
		assertThat(status.lastAttempt()).isNotNull();
		assertThat(status.lastSuccess()).isNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("vertexAi").get().nextRetry() != null);
	}

	@Test
	void hungAttemptIsCutOffByTimeoutAndCountedAsFailure() {
		TestComponent component = new TestComponent("modelDownload", 0);
		component.gate = new CountDownLatch(1);
		BackOff slowRetry = backOff(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0);
		InitTracker tracker = tracker(slowRetry, Duration.ofMillis(200), component);
		long started = System.nanoTime();
		tracker.start();
		// The interrupted attempt's thread returns promptly; until then the status says
		// it still runs.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> tracker.status("modelDownload").get().retryCount() == 1
					&& !tracker.status("modelDownload").get().attemptStillRunning());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		InitStatus status = tracker.status("modelDownload").get();
		assertThat(status.state()).isEqualTo(InitState.FAILED);
		assertThat(status.lastError()).isEqualTo("Initialization attempt timed out after 200ms");
		assertThat(this.attempts).containsExactly("modelDownload:TIMEOUT");
	}

	@Test
	void attemptIgnoringInterruptKeepsOneThreadAndNoSecondAttemptStartsUntilItReturns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostRunning = new AtomicInteger();
		InitComponent stuck = new InitComponent() {

			@Override
			public String name() {
				return "stuck";
			}

			@Override
			public void initialize() {
				int call = calls.incrementAndGet();
				mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					if (call == 1) {
						awaitIgnoringInterrupts(release);
					}
				}
				finally {
					running.decrementAndGet();
				}
			}

		};
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofMillis(100), stuck);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("stuck").get().retryCount() == 1);
		InitStatus status = tracker.status("stuck").get();
		assertThat(status.state()).isEqualTo(InitState.FAILED);
		assertThat(status.attemptStillRunning()).isTrue();
		assertThat(status.lastError()).isEqualTo("Initialization attempt timed out after 100ms and is still running");
		assertThat(status.details()).containsEntry("attemptStillRunning", true);
		// Retries are due every 20 to 100ms, yet none starts while the thread lives.
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> calls.get() == 1);
		assertThat(tracker.retryNow("stuck").get().get(1, TimeUnit.SECONDS).attemptStillRunning()).isTrue();
		assertThat(calls).hasValue(1);
		assertThat(initThreads("stuck")).isOne();
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.isReady("stuck"));
		assertThat(calls).hasValue(2);
		assertThat(mostRunning).hasValue(1);
		assertThat(tracker.status("stuck").get().attemptStillRunning()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> initThreads("stuck") == 0);
		assertThat(this.attempts).containsExactly("stuck:TIMEOUT", "stuck:SUCCESS");
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// Like a client stuck in I/O that does not answer interrupts.
			}
		}
	}

	private static long initThreads(String component) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("hardening-init-" + component + "-"))
			.count();
	}

	@Test
	void concurrentRetriesShareOneAttempt() throws Exception {
		TestComponent component = new TestComponent("vertexAi", 0);
		BackOff slowRetry = backOff(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0);
		InitTracker tracker = tracker(slowRetry, Duration.ofSeconds(5), component);
		component.gate = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<InitStatus>> results = new ArrayList<>();
			CountDownLatch allCalled = new CountDownLatch(8);
			for (int i = 0; i < 8; i++) {
				results.add(CompletableFuture.supplyAsync(() -> {
					CompletableFuture<InitStatus> result = tracker.retryNow("vertexAi").get();
					allCalled.countDown();
					return result;
				}, callers).thenCompose((result) -> result));
			}
			assertThat(allCalled.await(5, TimeUnit.SECONDS)).isTrue();
			component.gate.countDown();
			for (CompletableFuture<InitStatus> result : results) {
				assertThat(result.get(5, TimeUnit.SECONDS).initialized()).isTrue();
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(component.attempts()).isEqualTo(1);
	}

	@Test
	void retryNowOfReadyComponentMakesNoAttempt() throws Exception {
		TestComponent component = new TestComponent("vertexAi", 0);
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), component);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.isReady("vertexAi"));
		assertThat(tracker.retryNow("vertexAi").get().get(5, TimeUnit.SECONDS).initialized()).isTrue();
		assertThat(component.attempts()).isEqualTo(1);
	}

	@Test
	void retryNowOfFailedComponentAnswersTheNewOutcome() throws Exception {
		TestComponent component = new TestComponent("vertexAi", Integer.MAX_VALUE);
		BackOff slowRetry = backOff(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0);
		InitTracker tracker = tracker(slowRetry, Duration.ofSeconds(5), component);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("vertexAi").get().retryCount() == 1);
		InitStatus failed = tracker.retryNow("vertexAi").get().get(5, TimeUnit.SECONDS);
		assertThat(failed.state()).isEqualTo(InitState.FAILED);
		assertThat(failed.retryCount()).isEqualTo(2);
		component.succeedFromNow();
		InitStatus ready = tracker.retryNow("vertexAi").get().get(5, TimeUnit.SECONDS);
		assertThat(ready.initialized()).isTrue();
		assertThat(ready.retryCount()).isZero();
	}

	@Test
	void automaticRetriesStopAfterMaxAttempts() {
		TestComponent component = new TestComponent("vertexAi", Integer.MAX_VALUE);
		BackOff twoAttempts = backOff(Duration.ofMillis(10), 1, Duration.ofMillis(10), 1);
		InitTracker tracker = tracker(twoAttempts, Duration.ofSeconds(5), component);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("vertexAi").get().retryCount() == 2);
		InitStatus status = tracker.status("vertexAi").get();
		assertThat(status.nextRetry()).isNull();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> component.attempts() == 2);
	}

	@Test
	void unknownNameHasNoStatusAndNoRetry() {
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), new TestComponent("vertexAi", 0));
		assertThat(tracker.status("nope")).isEmpty();
		assertThat(tracker.retryNow("nope")).isEmpty();
		assertThat(tracker.isReady("nope")).isFalse();
	}

	@Test
	void trackerStoppedAndStartedAgainRetriesWhatIsNotReady() {
		TestComponent ready = new TestComponent("ready", 0);
		TestComponent failing = new TestComponent("failing", Integer.MAX_VALUE);
		InitTracker tracker = tracker(FAST_RETRY, Duration.ofSeconds(5), ready, failing);
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.isReady("ready") && failing.attempts() >= 1);
		tracker.stop();
		int failedBefore = failing.attempts();
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> failing.attempts() > failedBefore);
		assertThat(ready.attempts()).isOne();
		assertThat(tracker.status("failing").get().lastError()).doesNotContain("shutting down");
	}

	@Test
	void duplicateNamesAreRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> tracker(FAST_RETRY, Duration.ofSeconds(5), new TestComponent("db", 0),
					new TestComponent("db", 0)))
			.withMessage("Two init components are named 'db'");
	}

	private static BackOff backOff(Duration initial, double multiplier, Duration max, long maxRetries) {
		ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), multiplier);
		backOff.setMaxInterval(max.toMillis());
		if (maxRetries > 0) {
			backOff.setMaxAttempts(maxRetries);
		}
		return backOff;
	}

	private InitTracker tracker(BackOff policy, Duration attemptTimeout, InitComponent... components) {
		InitTracker tracker = new InitTracker(List.of(components), policy, attemptTimeout, Clock.systemUTC(),
				List.of((name, outcome, duration) -> this.attempts.add(name + ":" + outcome)));
		this.trackers.add(tracker);
		return tracker;
	}

}
