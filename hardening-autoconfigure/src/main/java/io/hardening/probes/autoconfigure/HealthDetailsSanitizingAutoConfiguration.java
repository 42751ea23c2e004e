package io.hardening.probes.autoconfigure;

import io.hardening.probes.HealthContributorRegistrySanitizingPostProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that sanitizes the details of every health contributor: the
 * {@code /health} and {@code /healthz} probes show them on the unauthenticated main port.
 */
@AutoConfiguration
@ConditionalOnClass(HealthContributorRegistry.class)
@ConditionalOnBooleanProperty(name = "hardening.probes.sanitize-details", matchIfMissing = true)
public final class HealthDetailsSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static HealthContributorRegistrySanitizingPostProcessor healthContributorRegistrySanitizingPostProcessor() {
		return new HealthContributorRegistrySanitizingPostProcessor();
	}

}
