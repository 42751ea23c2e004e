package io.hardening.probes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.util.StringUtils;

/**
 * Adds the {@code health}, {@code healthz}, {@code live} and {@code ready} groups, each
 * served on its own path of the main server port.
 */
public final class ProbeHealthEndpointGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String LIVENESS_STATE = "livenessState";

	private final ProbePaths paths;

	private final Show show;

	private final Set<String> roles;

	private final ReadinessMembership readiness;

	/**
	 * Creates a post-processor for the given paths and details policy.
	 * @param paths where each probe is served; an empty path leaves that probe out
	 * @param show when {@code /health} and {@code /healthz} show components and details
	 * @param roles roles that may see details when {@code show} is
	 * {@link Show#WHEN_AUTHORIZED}
	 * @param readinessInclude extra contributors that gate readiness
	 * @param readinessMembers the {@link ReadinessMember} beans, read on first use
	 */
	public ProbeHealthEndpointGroupsPostProcessor(ProbePaths paths, Show show, Set<String> roles,
			Set<String> readinessInclude, Supplier<Iterable<ReadinessMember>> readinessMembers) {
		this.paths = paths;
		this.show = show;
		this.roles = roles;
		this.readiness = new ReadinessMembership(readinessInclude, readinessMembers);
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup primary = groups.getPrimary();
		Map<String, ProbeGroup> probes = new LinkedHashMap<>();
		if (StringUtils.hasText(this.paths.health())) {
			probes.put("health", ProbeGroup.full(this.paths.health(), this.show, this.roles, primary));
		}
		if (StringUtils.hasText(this.paths.healthz())) {
			probes.put("healthz", ProbeGroup.full(this.paths.healthz(), this.show, this.roles, primary));
		}
		if (StringUtils.hasText(this.paths.live())) {
			probes.put("live", ProbeGroup.statusOnly(this.paths.live(), LIVENESS_STATE::equals, primary));
		}
		if (StringUtils.hasText(this.paths.ready())) {
			probes.put("ready", ProbeGroup.statusOnly(this.paths.ready(), this.readiness, primary));
		}
		return new ProbeHealthEndpointGroups(groups, probes);
	}

	/**
	 * Paths of the four probes on the main server port.
	 *
	 * @param health the full health report
	 * @param healthz the same report under a second path
	 * @param live liveness, status only
	 * @param ready readiness, status only
	 */
	public record ProbePaths(String health, String healthz, String live, String ready) {

	}

}
