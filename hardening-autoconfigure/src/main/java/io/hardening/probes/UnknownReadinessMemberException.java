package io.hardening.probes;

import java.util.Set;

/**
 * {@code hardening.probes.readiness-include} names a health contributor that does not
 * exist.
 */
public class UnknownReadinessMemberException extends IllegalStateException {

	private final String member;

	private final Set<String> available;

	UnknownReadinessMemberException(String member, Set<String> available) {
		super("hardening.probes.readiness-include names '" + member + "', but no health contributor has that name");
		this.member = member;
		this.available = Set.copyOf(available);
	}

	/**
	 * The configured name that matches no contributor.
	 * @return the name
	 */
	public String getMember() {
		return this.member;
	}

	/**
	 * The contributors that exist.
	 * @return their names
	 */
	public Set<String> getAvailable() {
		return this.available;
	}

}
