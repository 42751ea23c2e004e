package io.hardening.probes;

import java.util.stream.Stream;

import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * {@link ReactiveHealthContributorRegistry} decorator whose contributors answer sanitized
 * health.
 */
final class SanitizingReactiveHealthContributorRegistry implements ReactiveHealthContributorRegistry {

	private final ReactiveHealthContributorRegistry delegate;

	SanitizingReactiveHealthContributorRegistry(ReactiveHealthContributorRegistry delegate) {
		this.delegate = delegate;
	}

	@Override
	public void registerContributor(String name, ReactiveHealthContributor contributor) {
		this.delegate.registerContributor(name, contributor);
	}

	@Override
	public ReactiveHealthContributor unregisterContributor(String name) {
		return this.delegate.unregisterContributor(name);
	}

	@Override
	public ReactiveHealthContributor getContributor(String name) {
		return SanitizingContributors.wrap(this.delegate.getContributor(name));
	}

	@Override
	public Stream<ReactiveHealthContributors.Entry> stream() {
		return this.delegate.stream().map(SanitizingContributors::wrap);
	}

}
