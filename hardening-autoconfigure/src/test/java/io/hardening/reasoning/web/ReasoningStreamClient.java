package io.hardening.reasoning.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTP client of the reasoning endpoint, with a pool of its own big enough for
 * many streams at once (Reactor Netty's shared pool holds 16 connections here).
 */
final class ReasoningStreamClient implements AutoCloseable {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final Duration LONGEST_STREAM = Duration.ofSeconds(60);

	private final String baseUrl;

	private final ConnectionProvider provider;

	private final WebClient webClient;

	private final java.net.http.HttpClient plainClient;

	ReasoningStreamClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.provider = ConnectionProvider.builder("reasoning-test-client").maxConnections(128).build();
		this.webClient = WebClient.builder()
			.baseUrl(this.baseUrl)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.provider)))
			.build();
		this.plainClient = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Waits until {@code /ready} answers 200: the model client checked both models.
	 */
	void awaitReady() {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status("/ready") == 200);
	}

	/**
	 * A whole stream, its named events in order.
	 */
	List<Event> stream(String query) {
		return streamLater(query).block(LONGEST_STREAM);
	}

	/**
	 * A whole stream once subscribed, its named events in order.
	 */
	Mono<List<Event>> streamLater(String query) {
		return this.webClient.post()
			.uri("/api/reasoning/query")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", query))
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.map(Event::of)
			.collectList();
	}

	/**
	 * The first events of a stream, up to the one by which all the named events have
	 * arrived; then the client leaves (cancelling a body mid-response closes its
	 * connection).
	 */
	List<Event> leaveAfter(String query, Set<String> names) {
		Set<String> seen = new HashSet<>();
		return this.webClient.get()
			.uri("/api/reasoning/query?query={query}", query)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(SSE)
			.filter((event) -> event.event() != null)
			.map(Event::of)
			.takeUntil((event) -> seen.add(event.name()) && seen.containsAll(names))
			.collectList()
			.block(LONGEST_STREAM);
	}

	/**
	 * The value of the first Prometheus series whose name and labels start as given, or
	 * {@code NaN} when there is none.
	 */
	double metric(String series) throws IOException, InterruptedException {
		return get("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(Double.NaN);
	}

	private int status(String path) throws IOException, InterruptedException {
		return get(path).statusCode();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.plainClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.provider.dispose();
	}

	/**
	 * A named server-sent event.
	 *
	 * @param name the event name
	 * @param id the event id
	 * @param data the JSON data
	 */
	record Event(String name, String id, Map<String, Object> data) {

		@SuppressWarnings("unchecked")
		static Event of(ServerSentEvent<String> event) {
			return new Event(event.event(), event.id(), JsonMapper.shared().readValue(event.data(), Map.class));
		}

		Object get(String key) {
			return this.data.get(key);
		}

	}

}
