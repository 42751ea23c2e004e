package io.hardening.probes;

import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Wraps health contributors, composites included, so that every {@link Health} they
 * answer has passed through the {@link HealthDetailsSanitizer}.
 */
final class SanitizingContributors {

	private SanitizingContributors() {
	}

	static HealthContributor wrap(HealthContributor contributor) {
		if (contributor == null || contributor instanceof SanitizingIndicator
				|| contributor instanceof SanitizingComposite) {
			return contributor;
		}
		if (contributor instanceof HealthIndicator indicator) {
			return new SanitizingIndicator(indicator);
		}
		return new SanitizingComposite((CompositeHealthContributor) contributor);
	}

	static ReactiveHealthContributor wrap(ReactiveHealthContributor contributor) {
		if (contributor == null || contributor instanceof SanitizingReactiveIndicator
				|| contributor instanceof SanitizingReactiveComposite) {
			return contributor;
		}
		if (contributor instanceof ReactiveHealthIndicator indicator) {
			return new SanitizingReactiveIndicator(indicator);
		}
		return new SanitizingReactiveComposite((CompositeReactiveHealthContributor) contributor);
	}

	static HealthContributors.Entry wrap(HealthContributors.Entry entry) {
		return new HealthContributors.Entry(entry.name(), wrap(entry.contributor()));
	}

	static ReactiveHealthContributors.Entry wrap(ReactiveHealthContributors.Entry entry) {
		return new ReactiveHealthContributors.Entry(entry.name(), wrap(entry.contributor()));
	}

	private record SanitizingIndicator(HealthIndicator delegate) implements HealthIndicator {

		@Override
		public Health health(boolean includeDetails) {
			return HealthDetailsSanitizer.sanitize(this.delegate.health(includeDetails));
		}

		@Override
		public Health health() {
			return HealthDetailsSanitizer.sanitize(this.delegate.health());
		}

	}

	private record SanitizingComposite(CompositeHealthContributor delegate) implements CompositeHealthContributor {

		@Override
		public HealthContributor getContributor(String name) {
			return wrap(this.delegate.getContributor(name));
		}

		@Override
		public Stream<HealthContributors.Entry> stream() {
			return this.delegate.stream().map(SanitizingContributors::wrap);
		}

	}

	private record SanitizingReactiveIndicator(ReactiveHealthIndicator delegate) implements ReactiveHealthIndicator {

		@Override
		public Mono<Health> health(boolean includeDetails) {
			return this.delegate.health(includeDetails).map(HealthDetailsSanitizer::sanitize);
		}

		@Override
		public Mono<Health> health() {
			return this.delegate.health().map(HealthDetailsSanitizer::sanitize);
		}

	}

	private record SanitizingReactiveComposite(
			CompositeReactiveHealthContributor delegate) implements CompositeReactiveHealthContributor {

		@Override
		public ReactiveHealthContributor getContributor(String name) {
			return wrap(this.delegate.getContributor(name));
		}

		@Override
		public Stream<ReactiveHealthContributors.Entry> stream() {
			return this.delegate.stream().map(SanitizingContributors::wrap);
		}

	}

}
