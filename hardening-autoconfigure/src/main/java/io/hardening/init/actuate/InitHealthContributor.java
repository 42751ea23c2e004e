package io.hardening.init.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.hardening.init.InitStatus;
import io.hardening.init.InitTracker;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code init} health contributor: one child per tracked component, DOWN unless the
 * component is READY. Reads the tracker's state and never does I/O.
 */
public final class InitHealthContributor implements CompositeHealthContributor {

	private final Map<String, HealthIndicator> children = new LinkedHashMap<>();

	/**
	 * Creates a contributor over the components of the given tracker.
	 * @param tracker the tracker
	 */
	public InitHealthContributor(InitTracker tracker) {
		for (String name : tracker.names()) {
			this.children.put(name, () -> health(tracker.status(name).orElseThrow()));
		}
	}

	static Health health(InitStatus status) {
		Health.Builder builder = status.initialized() ? Health.up() : Health.down();
		return builder.withDetails(status.details()).build();
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.children.get(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.children.entrySet().stream().map((child) -> new Entry(child.getKey(), child.getValue()));
	}

}
