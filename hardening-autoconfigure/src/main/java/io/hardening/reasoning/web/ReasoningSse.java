package io.hardening.reasoning.web;

import java.time.Duration;

import io.hardening.reasoning.stream.ReasoningEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Turns a run's events into what one connection receives: a {@code retry} hint first,
 * then every event with its id, name and JSON data, and a comment line every heartbeat
 * interval until the last event. Ticks a slow client has not asked for are dropped, so a
 * slow reader never gets an overflow error.
 */
final class ReasoningSse {

	private static final ServerSentEvent<String> HEARTBEAT = ServerSentEvent.<String>builder()
		.comment("heartbeat")
		.build();

	private final JsonMapper mapper;

	private final Duration heartbeat;

	private final Duration retry;

	/**
	 * Creates the converter.
	 * @param mapper writes the events' data
	 * @param heartbeat interval of the comment lines
	 * @param reconnectGrace how long a run waits for a reconnect: the retry hint is half
	 * of it, so a browser comes back in time
	 */
	ReasoningSse(JsonMapper mapper, Duration heartbeat, Duration reconnectGrace) {
		this.mapper = mapper;
		this.heartbeat = heartbeat;
		this.retry = reconnectGrace.isZero() ? Duration.ofSeconds(1) : reconnectGrace.dividedBy(2);
	}

	Flux<ServerSentEvent<String>> stream(Flux<ReasoningEvent> events) {
		Flux<ServerSentEvent<String>> body = events.publish((shared) -> Flux.merge(shared.map(this::toSse),
				Flux.interval(this.heartbeat)
					.onBackpressureDrop()
					.map((tick) -> HEARTBEAT)
					.takeUntilOther(shared.then())));
		return Mono.just(ServerSentEvent.<String>builder().retry(this.retry).build()).concatWith(body);
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
