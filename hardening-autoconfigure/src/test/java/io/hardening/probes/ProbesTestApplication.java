package io.hardening.probes;

import java.util.concurrent.atomic.AtomicReference;

import io.hardening.reasoning.autoconfigure.ReasoningAutoConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with one dependency whose health a test can switch, joined to readiness
 * the way a feature would join it.
 */
@Configuration(proxyBeanMethods = false)
// The model client is another init component; these tests bring their own.
@EnableAutoConfiguration(exclude = ReasoningAutoConfiguration.class)
class ProbesTestApplication {

	@Bean
	SwitchableHealthIndicator dependencyHealthIndicator() {
		return new SwitchableHealthIndicator();
	}

	@Bean
	ReadinessMember dependencyReadinessMember() {
		return ReadinessMember.include("dependency");
	}

	static class SwitchableHealthIndicator implements HealthIndicator {

		private final AtomicReference<Status> status = new AtomicReference<>(Status.UP);

		void set(Status status) {
			this.status.set(status);
		}

		@Override
		public Health health() {
			return Health.status(this.status.get()).withDetail("endpoint", "db.internal:5432").build();
		}

	}

}
