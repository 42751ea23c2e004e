package io.hardening.bench.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The streaming endpoint as a plain WebFlux application would write it, with nothing the
 * starter adds: {@code POST /api/reasoning/query} with {@code {"query": "..."}} streams a
 * {@code start} event, the pieces of two simulated answers merged as they come (the same
 * number of pieces and the same latencies as the starter's simulator for the harness's
 * queries: 6 pieces over {@code bench.flash-latency}, 11 over {@code bench.pro-latency}),
 * each model's {@code *_complete}, then {@code complete}. No budgets, breakers,
 * heartbeats, reconnects, request id, metrics of its own or run records: it is the floor
 * the starter's endpoint is compared to, under the same load client.
 */
@Configuration(proxyBeanMethods = false)
class PlainSseStream {

	private static final int WORDS_PER_PIECE = 4;

	private static final String REMARK = "The short answer depends on the constraints you care about most.";

	private static final String MORE_REMARKS = " Start from the simplest design that works, then measure before optimizing."
			+ " Several trade-offs apply here: latency, cost and how much can go wrong.";

	private final Duration flashLatency;

	private final Duration proLatency;

	PlainSseStream(@Value("${bench.flash-latency:200ms}") Duration flashLatency,
			@Value("${bench.pro-latency:400ms}") Duration proLatency) {
		this.flashLatency = flashLatency;
		this.proLatency = proLatency;
	}

	@Bean
	RouterFunction<ServerResponse> plainStreamRoute() {
		return route(POST("/api/reasoning/query"),
				(request) -> request.bodyToMono(Query.class)
					.flatMap((query) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_EVENT_STREAM)
						.body(stream(query.query()), ServerSentEvent.class)));
	}

	private Flux<ServerSentEvent<Map<String, Object>>> stream(String query) {
		return Flux.concat(Mono.just(event("start", Map.of("query", query))),
				Flux.merge(model("flash", text("flash", query), this.flashLatency),
						model("pro", text("pro", query) + MORE_REMARKS, this.proLatency)),
				Mono.just(event("complete", Map.of("outcome", "complete"))));
	}

	private static Flux<ServerSentEvent<Map<String, Object>>> model(String role, String text, Duration latency) {
		List<String> pieces = pieces(text);
		Duration step = latency.dividedBy(pieces.size());
		StringBuilder response = new StringBuilder();
		return Flux.fromIterable(pieces)
			.concatMap((piece) -> Mono.delay(step).thenReturn(piece))
			.doOnNext(response::append)
			.map((piece) -> event(role + "_delta", Map.of("text", piece)))
			.concatWith(Mono.fromSupplier(() -> {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("response", response.toString());
				data.put("model", "plain-" + role);
				return event(role + "_complete", data);
			}));
	}

	private static String text(String role, String query) {
		return "This is plain-" + role + ", a simulated model, answering \"" + query + "\". " + REMARK;
	}

	private static List<String> pieces(String text) {
		String[] words = text.split(" ");
		List<String> pieces = new ArrayList<>();
		for (int start = 0; start < words.length; start += WORDS_PER_PIECE) {
			String piece = String.join(" ",
					List.of(words).subList(start, Math.min(words.length, start + WORDS_PER_PIECE)));
			pieces.add((start == 0) ? piece : " " + piece);
		}
		return pieces;
	}

	private static ServerSentEvent<Map<String, Object>> event(String name, Map<String, Object> data) {
		return ServerSentEvent.<Map<String, Object>>builder().event(name).data(data).build();
	}

	record Query(String query) {
	}

}
