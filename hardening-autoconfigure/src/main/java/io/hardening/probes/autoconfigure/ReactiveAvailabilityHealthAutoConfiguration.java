package io.hardening.probes.autoconfigure;

import io.hardening.probes.InMemoryHealthContributors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that, in a reactive application, registers Boot's
 * {@code livenessState} and {@code readinessState} health indicators as reactive
 * contributors answered on the asking thread.
 * <p>
 * Both only read {@link ApplicationAvailability}, but Spring Boot cannot know that and
 * adapts every blocking indicator with a hop to the bounded-elastic scheduler. Every
 * {@code /live} and {@code /ready} then waited for a thread of the pool the application's
 * own blocking work shares: with that pool busy, a liveness probe queued behind it and
 * could time out, and the platform restart a pod that was only busy. Registered under
 * Boot's bean names before Boot's auto-configurations, so Boot's own beans back off, and
 * an application's bean of the same name still replaces them.
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class,
		before = { AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class })
@ConditionalOnClass(LivenessStateHealthIndicator.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(ApplicationAvailability.class)
@ConditionalOnBooleanProperty(name = "hardening.probes.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "management.endpoint.health.probes.enabled", matchIfMissing = true)
public final class ReactiveAvailabilityHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "livenessStateHealthIndicator")
	ReactiveHealthContributor livenessStateHealthIndicator(ApplicationAvailability applicationAvailability) {
		return InMemoryHealthContributors.adapt(new LivenessStateHealthIndicator(applicationAvailability));
	}

	@Bean
	@ConditionalOnMissingBean(name = "readinessStateHealthIndicator")
	ReactiveHealthContributor readinessStateHealthIndicator(ApplicationAvailability applicationAvailability) {
		return InMemoryHealthContributors.adapt(new ReadinessStateHealthIndicator(applicationAvailability));
	}

}
