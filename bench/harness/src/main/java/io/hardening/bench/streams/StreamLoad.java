package io.hardening.bench.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A load client for the streaming endpoint: opens many {@code POST /api/reasoning/query}
 * streams at once over Reactor Netty, one connection each, and reads each stream to its
 * {@code complete} or {@code error} event.
 */
final class StreamLoad implements AutoCloseable {

	private final ConnectionProvider connections;

	private final LoopResources loops;

	private final HttpClient client;

	StreamLoad(String baseUrl, int maxStreams) {
		this.connections = ConnectionProvider.builder("bench-streams")
			.maxConnections(maxStreams + 100)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		this.loops = LoopResources.create("bench-client", 1, true);
		this.client = HttpClient.create(this.connections)
			.runOn(this.loops)
			.baseUrl(baseUrl)
			.headers((headers) -> headers.set("Content-Type", "application/json"));
	}

	/**
	 * What a burst of streams gave.
	 *
	 * @param latenciesMillis end-to-end time of each stream that completed, from the
	 * request to its {@code complete} event
	 * @param headersMillis time from each request to its response's status line and
	 * headers
	 * @param completed streams that ended with {@code complete}
	 * @param failed streams that ended with {@code error}, another status than 200 or a
	 * broken connection
	 * @param hung streams that had not ended when the burst's limit ran out
	 * @param wallMillis time from the first request to the last end
	 */
	record Burst(List<Double> latenciesMillis, List<Double> headersMillis, int completed, int failed, int hung,
			double wallMillis) {
	}

	/**
	 * Starts {@code count} streams at once and waits for all of them to end.
	 * @param count how many streams
	 * @param limit how long a stream may take before it counts as hung
	 * @return the figures
	 */
	Burst burst(int count, Duration limit) throws InterruptedException {
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		List<Double> headers = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		CountDownLatch ended = new CountDownLatch(count);
		Disposable.Composite streams = Disposables.composite();
		long started = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long sent = System.nanoTime();
			streams.add(stream("burst query " + (i % 50), () -> headers.add((System.nanoTime() - sent) / 1e6))
				.timeout(limit)
				.subscribe((end) -> {
					if (end.equals("event:complete")) {
						latencies.add((System.nanoTime() - sent) / 1e6);
						completed.incrementAndGet();
					}
					else {
						failed.incrementAndGet();
					}
					ended.countDown();
				}, (error) -> {
					if (!(error instanceof java.util.concurrent.TimeoutException)) {
						failed.incrementAndGet();
					}
					ended.countDown();
				}));
		}
		ended.await(limit.toMillis() + 30_000, TimeUnit.MILLISECONDS);
		double wall = (System.nanoTime() - started) / 1e6;
		streams.dispose();
		int hung = count - completed.get() - failed.get();
		return new Burst(latencies, headers, completed.get(), failed.get(), hung, wall);
	}

	/**
	 * Opens {@code count} streams and keeps them open, reading everything they send,
	 * until the returned handle is disposed. Nothing is cancelled before: cancelling a
	 * response body closes its connection, and the server would then hold a run waiting
	 * for a reconnect instead of an open stream.
	 * @param count how many streams
	 * @param limit how long to wait for every stream's {@code start} event
	 * @return the open streams and how many got their {@code start} event in time
	 */
	Held hold(int count, Duration limit) throws InterruptedException {
		CountDownLatch startedStreams = new CountDownLatch(count);
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger ended = new AtomicInteger();
		Disposable.Composite streams = Disposables.composite();
		for (int i = 0; i < count; i++) {
			// The text up to the start event, in case it comes in pieces; nothing after.
			StringBuilder head = new StringBuilder();
			AtomicBoolean started = new AtomicBoolean();
			streams.add(post("held query " + (i % 50)).responseContent()
				.asString(StandardCharsets.UTF_8)
				.subscribe((text) -> {
					if (!started.get() && head.append(text).indexOf("event:start") >= 0) {
						started.set(true);
						head.setLength(0);
						startedStreams.countDown();
					}
				}, (error) -> errors.incrementAndGet(), ended::incrementAndGet));
		}
		boolean all = startedStreams.await(limit.toMillis(), TimeUnit.MILLISECONDS);
		return new Held(streams, all ? count : (int) (count - startedStreams.getCount()), errors, ended);
	}

	/**
	 * Streams held open.
	 *
	 * @param streams dispose to close them all
	 * @param open how many got their {@code start} event
	 * @param errors streams that ended with an error while held
	 * @param ended streams that ended while held (none should: the models take minutes)
	 */
	record Held(Disposable streams, int open, AtomicInteger errors, AtomicInteger ended) {
	}

	/**
	 * One stream, reduced to whether it ended with its {@code complete} event.
	 */
	private Mono<String> stream(String query, Runnable onHeaders) {
		return post(query).responseSingle((response, body) -> {
			onHeaders.run();
			if (response.status().code() != 200) {
				return Mono.just("status " + response.status().code());
			}
			return body.asString(StandardCharsets.UTF_8)
				.map((text) -> text.contains("\nevent:complete\n") ? "event:complete" : "no complete event");
		});
	}

	private HttpClient.ResponseReceiver<?> post(String query) {
		String json = "{\"query\":\"" + query + "\"}";
		return this.client.post()
			.uri("/api/reasoning/query")
			.send(Mono.just(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8))));
	}

	@Override
	public void close() {
		this.connections.dispose();
		this.loops.dispose();
	}

}
