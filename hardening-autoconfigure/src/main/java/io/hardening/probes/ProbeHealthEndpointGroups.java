package io.hardening.probes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * {@link HealthEndpointGroups} decorator that adds the probe groups and maps their paths
 * on the main server port.
 */
final class ProbeHealthEndpointGroups implements HealthEndpointGroups, AdditionalPathsMapper {

	private final HealthEndpointGroups delegate;

	private final Map<String, ProbeGroup> probes;

	private final Set<String> names;

	ProbeHealthEndpointGroups(HealthEndpointGroups delegate, Map<String, ProbeGroup> probes) {
		this.delegate = delegate;
		this.probes = probes;
		Set<String> names = new LinkedHashSet<>(delegate.getNames());
		names.addAll(probes.keySet());
		this.names = Collections.unmodifiableSet(names);
	}

	@Override
	public HealthEndpointGroup getPrimary() {
		return this.delegate.getPrimary();
	}

	@Override
	public Set<String> getNames() {
		return this.names;
	}

	@Override
	public HealthEndpointGroup get(String name) {
		// A group the user configured under the same name keeps its own settings.
		HealthEndpointGroup group = this.delegate.get(name);
		return (group != null) ? group : this.probes.get(name);
	}

	@Override
	public List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
		if (!HealthEndpoint.ID.equals(endpointId)) {
			return null;
		}
		List<String> paths = new ArrayList<>();
		if (this.delegate instanceof AdditionalPathsMapper mapper) {
			List<String> delegatePaths = mapper.getAdditionalPaths(endpointId, namespace);
			if (delegatePaths != null) {
				paths.addAll(delegatePaths);
			}
		}
		this.probes.forEach((name, group) -> {
			if (get(name) == group && group.getAdditionalPath().hasNamespace(namespace)) {
				paths.add(group.getAdditionalPath().getValue());
			}
		});
		return paths;
	}

}
