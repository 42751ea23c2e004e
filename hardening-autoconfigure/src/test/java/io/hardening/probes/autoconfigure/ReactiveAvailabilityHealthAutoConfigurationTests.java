package io.hardening.probes.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveAvailabilityHealthAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			ApplicationAvailabilityAutoConfiguration.class, ReactiveAvailabilityHealthAutoConfiguration.class,
			AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void reactiveAppAnswersBothStatesOnTheAskingThread() {
		this.reactiveRunner.run((context) -> {
			ReactiveHealthIndicator liveness = context.getBean("livenessStateHealthIndicator",
					ReactiveHealthIndicator.class);
			ReactiveHealthIndicator readiness = context.getBean("readinessStateHealthIndicator",
					ReactiveHealthIndicator.class);
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			String asking = Thread.currentThread().getName();
			String[] answeredOn = new String[1];
			Health health = liveness.health()
				.doOnNext((ignored) -> answeredOn[0] = Thread.currentThread().getName())
				.block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(answeredOn[0]).isEqualTo(asking);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			assertThat(readiness.health().block().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(readiness.health().block().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void servletAppKeepsBootsIndicators() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context.getBean("livenessStateHealthIndicator"))
				.isInstanceOf(LivenessStateHealthIndicator.class));
	}

	@Test
	void anApplicationsOwnIndicatorOfTheSameNameWins() {
		this.reactiveRunner.withUserConfiguration(OwnLiveness.class)
			.run((context) -> assertThat(context.getBean("livenessStateHealthIndicator"))
				.isSameAs(context.getBean(OwnLiveness.class).indicator));
	}

	@Test
	void probesDisabledLeavesTheStatesToBoot() {
		this.reactiveRunner
			.withPropertyValues("management.endpoint.health.probes.enabled=false",
					"management.health.livenessstate.enabled=true")
			.run((context) -> assertThat(context.getBean("livenessStateHealthIndicator"))
				.isInstanceOf(LivenessStateHealthIndicator.class));
	}

	@Test
	void starterProbesDisabledLeavesTheStatesToBoot() {
		this.reactiveRunner.withPropertyValues("hardening.probes.enabled=false")
			.run((context) -> assertThat(context.getBean("livenessStateHealthIndicator"))
				.isInstanceOf(LivenessStateHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLiveness {

		final HealthIndicator indicator = () -> Health.up().withDetail("own", true).build();

		@Bean
		HealthIndicator livenessStateHealthIndicator() {
			return this.indicator;
		}

	}

}
