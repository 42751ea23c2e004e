package io.hardening.reasoning.web;

import java.util.List;
import java.util.stream.Collectors;

import io.hardening.reasoning.web.ReasoningStreamClient.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Picks events out of a received stream, asserting what a pick needs: the stand-in tests'
 * way of reading a stream.
 */
final class StreamEventLists {

	private StreamEventLists() {
	}

	static List<Event> named(List<Event> events, String name) {
		return events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	static Event only(List<Event> events, String name) {
		List<Event> named = named(events, name);
		assertThat(named).as("%s events in %s", name, events).hasSize(1);
		return named.get(0);
	}

	static <T> T only(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	static <T> T last(List<T> items) {
		assertThat(items).isNotEmpty();
		return items.get(items.size() - 1);
	}

	/**
	 * The text of a model's deltas, joined.
	 */
	static String deltas(List<Event> events, String role) {
		return named(events, role + "_delta").stream()
			.map((event) -> (String) event.get("text"))
			.collect(Collectors.joining());
	}

}
