package io.hardening.probes.autoconfigure;

import java.util.stream.Stream;

import io.hardening.probes.ProbeHealthEndpointGroupsPostProcessor;
import io.hardening.probes.ProbeHealthEndpointGroupsPostProcessor.ProbePaths;
import io.hardening.probes.ReadinessIncludeValidator;
import io.hardening.probes.ReadinessMember;
import io.hardening.probes.ReadinessMembers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code /health}, {@code /healthz}, {@code /live} and
 * {@code /ready} probes on the main server port.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "hardening.probes.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ProbesProperties.class)
public final class ProbesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProbeHealthEndpointGroupsPostProcessor probeHealthEndpointGroupsPostProcessor(ProbesProperties properties,
			ObjectProvider<ReadinessMember> readinessMembers, ObjectProvider<ReadinessMembers> memberSuppliers) {
		ProbesProperties.Paths paths = properties.getPaths();
		return new ProbeHealthEndpointGroupsPostProcessor(
				new ProbePaths(paths.getHealth(), paths.getHealthz(), paths.getLive(), paths.getReady()),
				properties.getShowDetails(), properties.getRoles(), properties.getReadinessInclude(),
				() -> Stream
					.concat(readinessMembers.orderedStream(),
							memberSuppliers.orderedStream().flatMap((supplier) -> supplier.members().stream()))
					.toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "management.endpoint.health.validate-group-membership", matchIfMissing = true)
	ReadinessIncludeValidator readinessIncludeValidator(ProbesProperties properties,
			ObjectProvider<HealthContributorRegistry> registry,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry) {
		return new ReadinessIncludeValidator(properties.getReadinessInclude(), registry, reactiveRegistry);
	}

}
