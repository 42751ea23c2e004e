package io.hardening.reasoning.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many runs over real HTTP on both web stacks, each cut at a random point and resumed
 * after a random pause, with few kept events, with and without a reconnect grace, under a
 * deadlock watchdog: no deadlock, every stream read to its end has exactly one terminal
 * event, every reconnect gets the next sequence onwards (gapless) or
 * {@code resume_unavailable}, and every stream slot is given back.
 */
@ExtendWith(BlockHoundInstalled.class)
class ReasoningStreamsRandomizedTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final int RUNS = 500;

	private static final int CONCURRENCY = 24;

	@ParameterizedTest(name = "{0}, reconnect-grace {1}")
	@CsvSource({ "reactive, 0", "reactive, 200ms", "servlet, 0", "servlet, 200ms" })
	void randomCutsAndReconnectsNeitherDeadlockNorSkipNorLeak(String stack, String grace) {
		long seed = System.nanoTime();
		Queue<String> failures = new ConcurrentLinkedQueue<>();
		AtomicReference<long[]> deadlocked = new AtomicReference<>();
		ScheduledExecutorService watchdog = watchdog(deadlocked);
		ConnectionProvider provider = ConnectionProvider.builder("randomized").maxConnections(4 * CONCURRENCY).build();
		try (ConfigurableApplicationContext context = application(stack, grace)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			WebClient client = WebClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(provider)))
				.build();
			AtomicInteger resumed = new AtomicInteger();
			List<Integer> outcomes = Flux.range(0, RUNS)
				.flatMap((i) -> run(client, i, failures, resumed).onErrorResume((ex) -> {
					failures.add("run " + i + ": " + ex);
					return Mono.just(-1);
				}), CONCURRENCY)
				.collectList()
				.block(Duration.ofSeconds(90));
			assertThat(outcomes).hasSize(RUNS);
			ReasoningRuns runs = context.getBean(ReasoningRuns.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs.activeStreams()).isZero());
			assertThat(resumed).as("reconnects made (seed %d)", seed).hasValueGreaterThan(RUNS / 4);
		}
		finally {
			watchdog.shutdownNow();
			provider.dispose();
		}
		assertThat(deadlocked.get()).as("deadlocked threads").isNull();
		assertThat(failures).as("seed %d", seed).isEmpty();
	}

	/**
	 * One run: read to a random cut (or to the end), then, if cut before the end,
	 * reconnect after a random pause and read the rest.
	 */
	private static Mono<Integer> run(WebClient client, int i, Queue<String> failures, AtomicInteger resumed) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int cut = random.nextInt(1, 30);
		long pause = random.nextLong(0, 300);
		return client.get()
			.uri("/api/reasoning/query?query=run%20" + i)
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.take(cut)
			.collectList()
			.flatMap((seen) -> {
				ServerSentEvent<String> last = seen.get(seen.size() - 1);
				if (isTerminal(last)) {
					checkWhole(seen, "run " + i, failures);
					return Mono.just(0);
				}
				resumed.incrementAndGet();
				long after = sequence(last.id());
				return Mono.delay(Duration.ofMillis(pause))
					.then(client.get()
						.uri("/api/reasoning/query")
						.header("Last-Event-ID", last.id())
						.exchangeToMono((response) -> {
							if (response.statusCode().value() == 204) {
								failures.add("run " + i + ": 204 before the end was seen");
								return response.releaseBody().thenReturn(1);
							}
							return response.bodyToFlux(SSE)
								.filter((event) -> event.event() != null)
								.collectList()
								.map((rest) -> {
									checkResumed(rest, after, "run " + i + " after " + after, failures);
									return 1;
								});
						}));
			});
	}

	private static void checkWhole(List<ServerSentEvent<String>> events, String what, Queue<String> failures) {
		long terminals = events.stream().filter(ReasoningStreamsRandomizedTests::isTerminal).count();
		if (terminals != 1 || !isTerminal(events.get(events.size() - 1))) {
			failures.add(what + ": " + terminals + " terminal events, last " + events.get(events.size() - 1).event());
		}
		for (int k = 0; k < events.size(); k++) {
			if (sequence(events.get(k).id()) != k + 1) {
				failures.add(what + ": event " + k + " has id " + events.get(k).id());
				return;
			}
		}
	}

	private static void checkResumed(List<ServerSentEvent<String>> rest, long after, String what,
			Queue<String> failures) {
		if (rest.isEmpty()) {
			failures.add(what + ": an empty resumed stream");
			return;
		}
		ServerSentEvent<String> first = rest.get(0);
		if ("error".equals(first.event()) && first.data().contains("resume_unavailable")) {
			if (rest.size() != 1) {
				failures.add(what + ": events after resume_unavailable");
			}
			return;
		}
		for (int k = 0; k < rest.size(); k++) {
			if (sequence(rest.get(k).id()) != after + 1 + k) {
				failures.add(what + ": resumed event " + k + " has id " + rest.get(k).id());
				return;
			}
		}
		long terminals = rest.stream().filter(ReasoningStreamsRandomizedTests::isTerminal).count();
		if (terminals != 1 || !isTerminal(rest.get(rest.size() - 1))) {
			failures.add(what + ": " + terminals + " terminal events in the resumed stream");
		}
	}

	private static boolean isTerminal(ServerSentEvent<String> event) {
		return "complete".equals(event.event()) || "error".equals(event.event());
	}

	private static long sequence(String id) {
		return (id != null) ? Long.parseLong(id.substring(id.lastIndexOf(':') + 1)) : -1;
	}

	private static ConfigurableApplicationContext application(String stack, String grace) {
		return new SpringApplicationBuilder(ReasoningTestApplication.class)
			.properties("spring.main.web-application-type=" + stack, "server.address=127.0.0.1", "server.port=0",
					"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=20ms",
					"hardening.reasoning.simulated.pro-latency=60ms",
					"hardening.reasoning.simulated.pro-failure-rate=0.1", "hardening.reasoning.heartbeat=50ms",
					"hardening.reasoning.reconnect-grace=" + grace, "hardening.reasoning.resume-max-events=6",
					"hardening.reasoning.resume-max-runs=64", "hardening.storage.enabled=false",
					"logging.level.root=WARN")
			.run();
	}

	private static ScheduledExecutorService watchdog(AtomicReference<long[]> deadlocked) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "deadlock-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		watchdog.scheduleWithFixedDelay(() -> {
			long[] found = threads.findDeadlockedThreads();
			if (found != null && deadlocked.compareAndSet(null, found)) {
				List<String> names = new ArrayList<>();
				for (ThreadInfo info : threads.getThreadInfo(found, true, true)) {
					names.add(info.toString());
				}
				System.out.println("DEADLOCK:\n" + String.join("\n", names));
			}
		}, 100, 100, TimeUnit.MILLISECONDS);
		return watchdog;
	}

}
