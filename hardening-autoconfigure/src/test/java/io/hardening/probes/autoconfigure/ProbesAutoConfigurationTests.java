package io.hardening.probes.autoconfigure;

import io.hardening.probes.ProbeHealthEndpointGroupsPostProcessor;
import io.hardening.probes.ProbeHealthEndpointGroupsPostProcessor.ProbePaths;
import java.util.Map;

import io.hardening.probes.UnknownReadinessMemberFailureAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ProbesAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ProbesAutoConfiguration.class,
			HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
			HealthEndpointAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void reactiveAppGetsTheFourProbeGroupsOnTheMainPort() {
		assertProbeGroups(this.reactiveRunner);
	}

	@Test
	void servletAppGetsTheFourProbeGroupsOnTheMainPort() {
		assertProbeGroups(this.servletRunner);
	}

	private void assertProbeGroups(AbstractApplicationContextRunner<?, ?, ?> runner) {
		runner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.getNames()).contains("health", "healthz", "live", "ready");
			assertThat(groups.getAllWithAdditionalPath(WebServerNamespace.SERVER))
				.extracting((group) -> group.getAdditionalPath().getValue())
				.contains("/health", "/healthz", "/live", "/ready");
			HealthEndpointGroup live = groups.get("live");
			assertThat(live.isMember("livenessState")).isTrue();
			assertThat(live.isMember("readinessState")).isFalse();
			assertThat(live.isMember("diskSpace")).isFalse();
			HealthEndpointGroup ready = groups.get("ready");
			assertThat(ready.isMember("readinessState")).isTrue();
			assertThat(ready.isMember("livenessState")).isFalse();
			assertThat(groups.get("health").isMember("diskSpace")).isTrue();
		});
	}

	@Test
	void readinessIncludeAddsContributorsToReadiness() {
		this.reactiveRunner.withUserConfiguration(DbAndCacheContributors.class)
			.withPropertyValues("hardening.probes.readiness-include=db,cache/primary")
			.run((context) -> {
				HealthEndpointGroup ready = context.getBean(HealthEndpointGroups.class).get("ready");
				assertThat(ready.isMember("db")).isTrue();
				assertThat(ready.isMember("cache/primary")).isTrue();
				assertThat(ready.isMember("cache/secondary")).isFalse();
			});
	}

	@Test
	void unknownReadinessMemberFailsStartupWithAnAnalysisNamingIt() {
		for (AbstractApplicationContextRunner<?, ?, ?> runner : new AbstractApplicationContextRunner<?, ?, ?>[] {
				this.reactiveRunner, this.servletRunner }) {
			runner.withUserConfiguration(DbAndCacheContributors.class)
				.withPropertyValues("hardening.probes.readiness-include=db,cache/secondary")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new UnknownReadinessMemberFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("hardening.probes.readiness-include")
						.contains("'cache/secondary'")
						.contains("cache, db");
					assertThat(analysis.getAction()).contains("validate-group-membership=false");
				});
		}
	}

	@Test
	void unknownReadinessMemberIsAcceptedWhenGroupValidationIsOff() {
		this.servletRunner
			.withPropertyValues("hardening.probes.readiness-include=db",
					"management.endpoint.health.validate-group-membership=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void backsOffToUserPostProcessor() {
		this.reactiveRunner.withUserConfiguration(UserPostProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ProbeHealthEndpointGroupsPostProcessor.class);
			assertThat(context).hasBean("userProbes");
			assertThat(context.getBean(HealthEndpointGroups.class).getNames()).doesNotContain("healthz");
		});
	}

	@Test
	void disabledByProperty() {
		this.reactiveRunner.withPropertyValues("hardening.probes.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ProbeHealthEndpointGroupsPostProcessor.class);
			assertThat(context.getBean(HealthEndpointGroups.class).getNames()).doesNotContain("live", "ready");
		});
	}

	@Test
	void absentWithoutActuatorHealth() {
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(HealthEndpointGroupsPostProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeHealthEndpointGroupsPostProcessor.class));
	}

	@Test
	void absentOutsideWebApplications() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeHealthEndpointGroupsPostProcessor.class));
	}

	@Test
	void invalidPathFailsWithMessageNamingTheProperty() {
		this.reactiveRunner.withPropertyValues("hardening.probes.paths.live=live").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("hardening.probes.paths.live must start with '/'");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessorConfiguration {

		@Bean
		ProbeHealthEndpointGroupsPostProcessor userProbes() {
			return new ProbeHealthEndpointGroupsPostProcessor(new ProbePaths("/status", "", "/alive", "/ok"),
					Show.NEVER, java.util.Set.of(), java.util.Set.of(), java.util.List::of);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DbAndCacheContributors {

		@Bean
		HealthIndicator dbHealthIndicator() {
			return () -> Health.up().build();
		}

		@Bean
		CompositeHealthContributor cacheHealthContributor() {
			return CompositeHealthContributor.fromMap(Map.of("primary", (HealthIndicator) () -> Health.up().build()));
		}

	}

}
