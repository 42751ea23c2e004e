package io.hardening.probes;

import java.util.Set;
import java.util.function.Predicate;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * A health group served on an additional path of the main server port.
 */
final class ProbeGroup implements HealthEndpointGroup {

	private final Predicate<String> membership;

	private final Show show;

	private final Set<String> roles;

	private final StatusAggregator statusAggregator;

	private final HttpCodeStatusMapper httpCodeStatusMapper;

	private final AdditionalHealthEndpointPath additionalPath;

	private ProbeGroup(Predicate<String> membership, Show show, Set<String> roles, StatusAggregator statusAggregator,
			HttpCodeStatusMapper httpCodeStatusMapper, String path) {
		this.membership = membership;
		this.show = show;
		this.roles = roles;
		this.statusAggregator = statusAggregator;
		this.httpCodeStatusMapper = httpCodeStatusMapper;
		this.additionalPath = AdditionalHealthEndpointPath.of(WebServerNamespace.SERVER, path);
	}

	/**
	 * A group with every contributor, showing components and details as the policy says.
	 */
	static ProbeGroup full(String path, Show show, Set<String> roles, HealthEndpointGroup primary) {
		return new ProbeGroup((name) -> true, show, roles, primary.getStatusAggregator(),
				primary.getHttpCodeStatusMapper(), path);
	}

	/**
	 * A group that answers its status only, from the members the predicate accepts.
	 */
	static ProbeGroup statusOnly(String path, Predicate<String> membership, HealthEndpointGroup primary) {
		return new ProbeGroup(membership, Show.NEVER, Set.of(), primary.getStatusAggregator(),
				primary.getHttpCodeStatusMapper(), path);
	}

	@Override
	public boolean isMember(String name) {
		return this.membership.test(name);
	}

	@Override
	public boolean showComponents(SecurityContext securityContext) {
		return this.show.isShown(securityContext, this.roles);
	}

	@Override
	public boolean showDetails(SecurityContext securityContext) {
		return this.show.isShown(securityContext, this.roles);
	}

	@Override
	public StatusAggregator getStatusAggregator() {
		return this.statusAggregator;
	}

	@Override
	public HttpCodeStatusMapper getHttpCodeStatusMapper() {
		return this.httpCodeStatusMapper;
	}

	@Override
	public AdditionalHealthEndpointPath getAdditionalPath() {
		return this.additionalPath;
	}

}
