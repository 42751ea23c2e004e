package io.hardening.probes;

import java.util.stream.Stream;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Reactive forms of health contributors that only read memory, answered on the thread
 * that asks.
 * <p>
 * Spring Boot adapts every blocking {@link HealthIndicator} to a reactive application
 * with a hop to the bounded-elastic scheduler, since it may block. The starter's
 * {@code init}, {@code storage} and {@code circuitBreakers} indicators and Boot's
 * {@code livenessState} and {@code readinessState} never do, and {@code /ready} asks
 * several of them on every probe: the hops halved its throughput, and made every probe
 * wait for a thread of the pool the application's blocking work shares
 * (docs/performance.md, docs/operations.md). Never use this for a contributor that does
 * I/O or waits.
 */
public final class InMemoryHealthContributors {

	private InMemoryHealthContributors() {
	}

	/**
	 * Adapts a contributor that never blocks, composites included.
	 * @param contributor an indicator or a composite of them that only reads memory
	 * @return the same contributor as a reactive one, with no thread hop
	 */
	public static ReactiveHealthContributor adapt(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			return new InMemoryIndicator(indicator);
		}
		return new InMemoryComposite((CompositeHealthContributor) contributor);
	}

	private record InMemoryIndicator(HealthIndicator delegate) implements ReactiveHealthIndicator {

		@Override
		public Mono<Health> health(boolean includeDetails) {
			return Mono.fromSupplier(() -> this.delegate.health(includeDetails));
		}

		@Override
		public Mono<Health> health() {
			return Mono.fromSupplier(this.delegate::health);
		}

		@Override
		public HealthIndicator asHealthContributor() {
			return this.delegate;
		}

	}

	private record InMemoryComposite(
			CompositeHealthContributor delegate) implements CompositeReactiveHealthContributor {

		@Override
		public CompositeHealthContributor asHealthContributor() {
			return this.delegate;
		}

		@Override
		public ReactiveHealthContributor getContributor(String name) {
			HealthContributor child = this.delegate.getContributor(name);
			return (child != null) ? adapt(child) : null;
		}

		@Override
		public Stream<ReactiveHealthContributors.Entry> stream() {
			return this.delegate.stream()
				.map((entry) -> new ReactiveHealthContributors.Entry(entry.name(), adapt(entry.contributor())));
		}

	}

}
