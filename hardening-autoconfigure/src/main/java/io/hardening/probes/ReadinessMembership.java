package io.hardening.probes;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;

/**
 * Decides which health contributors gate readiness: {@code readinessState}, the names
 * configured in {@code hardening.probes.readiness-include}, and every
 * {@link ReadinessMember} bean.
 */
final class ReadinessMembership implements Predicate<String> {

	static final String READINESS_STATE = "readinessState";

	private final Supplier<Set<String>> included;

	private final Supplier<Set<String>> excluded;

	ReadinessMembership(Set<String> configured, Supplier<Iterable<ReadinessMember>> members) {
		// Members are read on first use: health groups are built before every feature
		// bean
		// exists.
		this.included = SingletonSupplier.of(() -> collect(configured, members.get(), true));
		this.excluded = SingletonSupplier.of(() -> collect(Set.of(), members.get(), false));
	}

	private static Set<String> collect(Set<String> configured, Iterable<ReadinessMember> members, boolean included) {
		Set<String> names = new HashSet<>(configured);
		if (included) {
			names.add(READINESS_STATE);
		}
		for (ReadinessMember member : members) {
			if (member.included() == included) {
				names.add(member.contributorPath());
			}
		}
		return names;
	}

	@Override
	public boolean test(String path) {
		return !ContributorPaths.covers(this.excluded.get(), path)
				&& ContributorPaths.covers(this.included.get(), path);
	}

}
