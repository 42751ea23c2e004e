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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class InitTrackerTests {

	private static final InitRetryPolicy FAST_RETRY = new InitRetryPolicy(Duration.ofMillis(20), 2,
			Duration.ofMillis(100), 0, 0.2);

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
		InitRetryPolicy slowRetry = new InitRetryPolicy(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0, 0);
		InitTracker tracker = tracker(slowRetry, Duration.ofMillis(200), component);
		long started = System.nanoTime();
		tracker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status("modelDownload").get().retryCount() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		InitStatus status = tracker.status("modelDownload").get();
		assertThat(status.state()).isEqualTo(InitState.FAILED);
		assertThat(status.lastError()).isEqualTo("Initialization attempt timed out after 200ms");
		assertThat(this.attempts).containsExactly("modelDownload:TIMEOUT");
	}

	@Test
	void concurrentRetriesShareOneAttempt() throws Exception {
		TestComponent component = new TestComponent("vertexAi", 0);
		InitRetryPolicy slowRetry = new InitRetryPolicy(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0, 0);
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
		InitRetryPolicy slowRetry = new InitRetryPolicy(Duration.ofMinutes(1), 2, Duration.ofMinutes(5), 0, 0);
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
		InitRetryPolicy twoAttempts = new InitRetryPolicy(Duration.ofMillis(10), 1, Duration.ofMillis(10), 2, 0);
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

	private InitTracker tracker(InitRetryPolicy policy, Duration attemptTimeout, InitComponent... components) {
		InitTracker tracker = new InitTracker(List.of(components), policy, attemptTimeout, Clock.systemUTC(),
				List.of((name, outcome, duration) -> this.attempts.add(name + ":" + outcome)));
		this.trackers.add(tracker);
		return tracker;
	}

}
