package io.hardening.probes;

import java.util.stream.Stream;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * {@link HealthContributorRegistry} decorator whose contributors answer sanitized health.
 */
final class SanitizingHealthContributorRegistry implements HealthContributorRegistry {

	private final HealthContributorRegistry delegate;

	SanitizingHealthContributorRegistry(HealthContributorRegistry delegate) {
		this.delegate = delegate;
	}

	@Override
	public void registerContributor(String name, HealthContributor contributor) {
		this.delegate.registerContributor(name, contributor);
	}

	@Override
	public HealthContributor unregisterContributor(String name) {
		return this.delegate.unregisterContributor(name);
	}

	@Override
	public HealthContributor getContributor(String name) {
		return SanitizingContributors.wrap(this.delegate.getContributor(name));
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.delegate.stream().map(SanitizingContributors::wrap);
	}

}
