package io.hardening.autoconfigure.aot;

import java.util.List;

/**
 * Thrown at start-up of a Spring AOT-processed application when properties that decide
 * which of the starter's beans exist decide differently than at build time. Reported by
 * {@link FrozenSwitchFailureAnalyzer} with the decisions only, never the values (API
 * keys).
 */
public class FrozenSwitchException extends RuntimeException {

	private final List<String> differing;

	/**
	 * Creates the exception.
	 * @param differing each property that differs, with its decision at build time and
	 * now
	 */
	FrozenSwitchException(List<String> differing) {
		super("Spring AOT fixed the beans at build time, and these properties decide differently now: "
				+ String.join(", ", differing));
		this.differing = List.copyOf(differing);
	}

	/**
	 * The properties that differ, each as {@code name (built X, now Y)}.
	 * @return the list
	 */
	public List<String> getDiffering() {
		return this.differing;
	}

}
