package io.hardening.reasoning.web;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import io.hardening.reasoning.stream.ReasoningEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Turns a run's events into what one connection receives: a {@code retry} hint first,
 * then every event with its id, name and JSON data, and a comment line every heartbeat
 * interval until the last event. The heartbeats of every connection come from one shared
 * {@code Flux.interval}, started by the first connection and stopped when the last one
 * leaves; each connection drops the ticks it has not asked for, so a slow reader never
 * holds the others back nor gets an overflow error.
 */
final class ReasoningSse {

	private static final ServerSentEvent<String> HEARTBEAT = ServerSentEvent.<String>builder()
		.comment("heartbeat")
		.build();

	/**
	 * Marks the end of a run's events inside one connection's stream; never sent.
	 */
	private static final ServerSentEvent<String> END = ServerSentEvent.<String>builder().build();

	private static final Mono<ServerSentEvent<String>> END_MARKER = Mono.just(END);

	private final JsonMapper mapper;

	private final Flux<ServerSentEvent<String>> ticks;

	private final Mono<ServerSentEvent<String>> retryHint;

	/**
	 * Creates the converter.
	 * @param mapper writes the events' data
	 * @param heartbeat interval of the comment lines
	 * @param reconnectGrace how long a run waits for a reconnect: the retry hint is half
	 * of it, so a browser comes back in time
	 */
	ReasoningSse(JsonMapper mapper, Duration heartbeat, Duration reconnectGrace) {
		this.mapper = mapper;
		// Deferred so that the interval takes the scheduler of the moment it starts (a
		// virtual one in tests).
		this.ticks = rejoining(
				Flux.defer(() -> Flux.interval(heartbeat)).onBackpressureDrop().map((tick) -> HEARTBEAT).share());
		Duration retry = reconnectGrace.isZero() ? Duration.ofSeconds(1) : reconnectGrace.dividedBy(2);
		this.retryHint = Mono.just(ServerSentEvent.<String>builder().retry(retry).build());
	}

	/**
	 * A shared stream that a subscriber joins again when it is let go of as it joins:
	 * {@code share()} hands a subscriber that joins while its connection is being
	 * disposed (the last other subscriber just left) a
	 * {@code CancellationException("Disconnected")} instead of elements. Subscribing
	 * again starts the shared source anew, rather than failing the connection's stream
	 * after its 200.
	 */
	static <T> Flux<T> rejoining(Flux<T> shared) {
		return shared.retryWhen(Retry.indefinitely().filter(CancellationException.class::isInstance));
	}

	Flux<ServerSentEvent<String>> stream(Flux<ReasoningEvent> events) {
		// The end marker stops the merged stream, and with it this connection's ticks,
		// once the events are done; the events are subscribed once. A prefetch of one
		// keeps a one-slot queue per source, not a 32-slot one, when the client is slow,
		// and leaves at most one tick waiting for it.
		Flux<ServerSentEvent<String>> body = Flux
			.merge(1, events.map(this::toSse).concatWith(END_MARKER), this.ticks.onBackpressureDrop())
			.takeWhile((event) -> event != END);
		return Flux.concat(this.retryHint, body);
	}

	private ServerSentEvent<String> toSse(ReasoningEvent event) {
		ServerSentEvent.Builder<String> builder = ServerSentEvent.<String>builder()
			.event(event.name())
			.data(this.mapper.writeValueAsString(event.data()));
		// An event outside any run (resume_unavailable) has no id.
		if (event.id() != null) {
			builder.id(event.id());
		}
		return builder.build();
	}

}
