package io.hardening.init.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.hardening.init.InitStatus;
import io.hardening.init.InitTracker;
import io.hardening.init.actuate.InitHealthContributor;
import io.hardening.probes.InMemoryHealthContributors;
import io.hardening.probes.ReadinessMember;
import io.hardening.probes.ReadinessMembers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code init} health contributor and its place in the
 * readiness probe.
 */
@AutoConfiguration(after = InitAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(InitTracker.class)
@ConditionalOnEnabledHealthIndicator("init")
public final class InitHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "initHealthContributor")
	InitHealthContributor initHealthContributor(InitTracker tracker) {
		return new InitHealthContributor(tracker);
	}

	/**
	 * In a reactive application, the contributor answers on the asking thread: it reads
	 * the tracker's memory, and Boot's adapter of a blocking one would hop threads on
	 * every probe. Nested, so it is registered before the blocking one above is
	 * considered.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveInitHealthContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "initHealthContributor")
		ReactiveHealthContributor initHealthContributor(InitTracker tracker) {
			return InMemoryHealthContributors.adapt(new InitHealthContributor(tracker));
		}

	}

	@Bean
	@ConditionalOnMissingBean(name = "initReadinessMembers")
	ReadinessMembers initReadinessMembers(InitTracker tracker) {
		return () -> {
			List<ReadinessMember> members = new ArrayList<>();
			members.add(ReadinessMember.include("init"));
			tracker.statuses()
				.stream()
				.filter((status) -> !status.requiredForReadiness())
				.map(InitStatus::name)
				.forEach((name) -> members.add(ReadinessMember.exclude("init/" + name)));
			return members;
		};
	}

}
