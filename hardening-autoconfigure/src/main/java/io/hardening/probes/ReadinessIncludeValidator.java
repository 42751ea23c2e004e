package io.hardening.probes;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Fails startup when {@code hardening.probes.readiness-include} names a health
 * contributor that does not exist, as Boot does for an unknown health-group member:
 * otherwise {@code /ready} would silently ignore it.
 */
public class ReadinessIncludeValidator implements SmartInitializingSingleton {

	private final Set<String> configured;

	private final ObjectProvider<HealthContributorRegistry> registry;

	private final ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry;

	/**
	 * Creates the validator.
	 * @param configured the configured names, {@code cache/primary} for a nested one
	 * @param registry the contributors
	 * @param reactiveRegistry the reactive contributors, in a reactive application
	 */
	public ReadinessIncludeValidator(Set<String> configured, ObjectProvider<HealthContributorRegistry> registry,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry) {
		this.configured = Set.copyOf(configured);
		this.registry = registry;
		this.reactiveRegistry = reactiveRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		HealthContributorRegistry blocking = this.registry.getIfAvailable();
		ReactiveHealthContributorRegistry reactive = this.reactiveRegistry.getIfAvailable();
		for (String path : new TreeSet<>(this.configured)) {
			String[] segments = path.split("/");
			if (!exists(blocking, segments, 0) && !exists(reactive, segments, 0)) {
				throw new UnknownReadinessMemberException(path, names(blocking, reactive));
			}
		}
	}

	private static boolean exists(HealthContributors contributors, String[] segments, int index) {
		HealthContributor contributor = (contributors != null) ? contributors.getContributor(segments[index]) : null;
		if (contributor == null || index == segments.length - 1) {
			return contributor != null;
		}
		return contributor instanceof CompositeHealthContributor composite && exists(composite, segments, index + 1);
	}

	private static boolean exists(ReactiveHealthContributors contributors, String[] segments, int index) {
		ReactiveHealthContributor contributor = (contributors != null) ? contributors.getContributor(segments[index])
				: null;
		if (contributor == null || index == segments.length - 1) {
			return contributor != null;
		}
		return contributor instanceof CompositeReactiveHealthContributor composite
				&& exists(composite, segments, index + 1);
	}

	private static Set<String> names(HealthContributors blocking, ReactiveHealthContributors reactive) {
		Set<String> names = new TreeSet<>();
		if (blocking != null) {
			blocking.stream().forEach((entry) -> names.add(entry.name()));
		}
		if (reactive != null) {
			reactive.stream().forEach((entry) -> names.add(entry.name()));
		}
		return names;
	}

}
