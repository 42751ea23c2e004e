package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.reasoning.stream.ReasoningEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasoningSse}: the retry hint, the events and the heartbeats, in
 * virtual time.
 */
class ReasoningSseTests {

	private static final Duration VERIFY = Duration.ofSeconds(5);

	private final ReasoningSse sse = new ReasoningSse(JsonMapper.shared(), Duration.ofSeconds(15),
			Duration.ofSeconds(5));

	@Test
	void retryHintFirstThenEventsWithHeartbeatsWhileQuiet() {
		StepVerifier
			.withVirtualTime(
					() -> this.sse.stream(Mono.delay(Duration.ofSeconds(40)).thenReturn(event("complete", 7)).flux()))
			.assertNext((first) -> {
				assertThat(first.retry()).isEqualTo(Duration.ofMillis(2500));
				assertThat(first.data()).isNull();
			})
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenAwait(Duration.ofSeconds(10))
			.assertNext((last) -> {
				assertThat(last.id()).isEqualTo("run-1:7");
				assertThat(last.event()).isEqualTo("complete");
				assertThat(last.data()).isEqualTo("{\"partial\":false}");
			})
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void slowReaderLosesHeartbeatsButNeverOverflows() {
		StepVerifier
			.withVirtualTime(
					() -> this.sse.stream(Mono.delay(Duration.ofMinutes(10)).thenReturn(event("complete", 2)).flux()),
					1)
			.expectNextCount(1)
			.thenAwait(Duration.ofMinutes(5))
			.thenRequest(1)
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenRequest(Long.MAX_VALUE)
			.thenAwait(Duration.ofMinutes(5))
			.thenConsumeWhile((event) -> event.comment() != null)
			.assertNext((last) -> assertThat(last.event()).isEqualTo("complete"))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void noHeartbeatOutlivesTheEvents() {
		StepVerifier.withVirtualTime(() -> this.sse.stream(Flux.just(event("complete", 1))))
			.expectNextCount(2)
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void connectionsShareOneTickAndLetGoOfItAtTheirLastEvent() {
		VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
		try {
			ReasoningSse shared = new ReasoningSse(JsonMapper.shared(), Duration.ofSeconds(15), Duration.ofSeconds(5));
			List<ServerSentEvent<String>> first = new CopyOnWriteArrayList<>();
			List<ServerSentEvent<String>> second = new CopyOnWriteArrayList<>();
			shared.stream(Mono.delay(Duration.ofSeconds(20)).thenReturn(event("complete", 3)).flux())
				.subscribe(first::add);
			time.advanceTimeBy(Duration.ofSeconds(5));
			shared.stream(Mono.delay(Duration.ofSeconds(38)).thenReturn(event("complete", 4)).flux())
				.subscribe(second::add);
			time.advanceTimeBy(Duration.ofSeconds(10));
			// Both got the one shared tick at 15s, the second only 10s after it started.
			assertThat(first).hasSize(2).last().satisfies(ReasoningSseTests::isHeartbeat);
			assertThat(second).hasSize(2).last().satisfies(ReasoningSseTests::isHeartbeat);
			time.advanceTimeBy(Duration.ofSeconds(15));
			// The first ended at 20s: no heartbeat after its last event.
			assertThat(first).hasSize(3).last().satisfies((last) -> assertThat(last.event()).isEqualTo("complete"));
			assertThat(second).hasSize(3).last().satisfies(ReasoningSseTests::isHeartbeat);
			time.advanceTimeBy(Duration.ofSeconds(14));
			assertThat(first).hasSize(3);
			assertThat(second).hasSize(4).last().satisfies((last) -> assertThat(last.event()).isEqualTo("complete"));
			// Nobody is left: the shared interval stopped, and the next connection starts
			// it anew, its first tick a whole period later.
			List<ServerSentEvent<String>> third = new CopyOnWriteArrayList<>();
			shared.stream(Mono.delay(Duration.ofSeconds(20)).thenReturn(event("complete", 5)).flux())
				.subscribe(third::add);
			time.advanceTimeBy(Duration.ofSeconds(14));
			assertThat(third).hasSize(1);
			time.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(third).hasSize(2).last().satisfies(ReasoningSseTests::isHeartbeat);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	@Test
	void eventsThatEndWithoutTerminalEventEndTheConnection() {
		StepVerifier
			.withVirtualTime(
					() -> this.sse.stream(Mono.delay(Duration.ofSeconds(20)).then(Mono.<ReasoningEvent>empty()).flux()))
			.expectNextCount(1)
			.thenAwait(Duration.ofSeconds(15))
			.assertNext(ReasoningSseTests::isHeartbeat)
			.thenAwait(Duration.ofSeconds(5))
			.expectComplete()
			.verify(VERIFY);
	}

	/**
	 * A connection that opens while the last one is letting go of the shared tick still
	 * gets its events: share() hands a subscriber that joins as its connection is being
	 * disposed a {@code CancellationException("Disconnected")}, which cut a stream after
	 * its 200 (a flaky sample test). Two threads open connections one after the other for
	 * three seconds, each ending on another thread, so the tick's subscriber count keeps
	 * falling to zero while the other thread joins; a bounded wait stands watch for a
	 * deadlock. The race is narrow: on the old code, with other work on the machine,
	 * about one run in five failed; the two tests after it check the recovery itself.
	 */
	@Test
	void connectionsOpeningAsTheLastOneLeavesStillGetTheirEvents() throws Exception {
		ReasoningSse shared = new ReasoningSse(JsonMapper.shared(), Duration.ofSeconds(15), Duration.ofSeconds(5));
		int threads = 2;
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		AtomicInteger opened = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int t = 0; t < threads; t++) {
				executor.execute(() -> {
					while (System.nanoTime() < deadline) {
						opened.incrementAndGet();
						try {
							List<ServerSentEvent<String>> events = shared
								.stream(Flux.just(event("complete", 1)).publishOn(Schedulers.parallel()))
								.collectList()
								.block(VERIFY);
							if (events.size() == 2) {
								completed.incrementAndGet();
							}
						}
						catch (RuntimeException ex) {
							failures.add(ex);
						}
					}
				});
			}
			executor.shutdown();
			assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).as("connections done in time").isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(failures).isEmpty();
		assertThat(completed).as("connections with their events").hasValue(opened.get()).hasValueGreaterThan(10_000);
	}

	@Test
	void aTickSubscriberLetGoOfAsItJoinsJoinsAgain() {
		AtomicInteger subscriptions = new AtomicInteger();
		Flux<String> shared = Flux.defer(() -> (subscriptions.getAndIncrement() == 0)
				? Flux.error(new CancellationException("Disconnected")) : Flux.just("tick"));
		StepVerifier.create(ReasoningSse.rejoining(shared)).expectNext("tick").expectComplete().verify(VERIFY);
		assertThat(subscriptions).hasValue(2);
	}

	@Test
	void otherTickFailuresAreNotHidden() {
		StepVerifier.create(ReasoningSse.rejoining(Flux.error(new IllegalStateException("broken"))))
			.expectErrorMessage("broken")
			.verify(VERIFY);
	}

	private static void isHeartbeat(ServerSentEvent<String> event) {
		assertThat(event.comment()).isEqualTo("heartbeat");
		assertThat(event.event()).isNull();
		assertThat(event.data()).isNull();
	}

	private static ReasoningEvent event(String name, long sequence) {
		return new ReasoningEvent(name, Map.of("partial", false), "run-1", sequence);
	}

}
