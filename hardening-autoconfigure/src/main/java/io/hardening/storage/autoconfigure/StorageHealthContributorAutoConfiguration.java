package io.hardening.storage.autoconfigure;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.actuate.StorageHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code storage} health contributor.
 */
@AutoConfiguration(after = StorageAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ExperimentStorage.class)
@ConditionalOnEnabledHealthIndicator("storage")
public final class StorageHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "storageHealthIndicator")
	StorageHealthIndicator storageHealthIndicator(ExperimentStorage experimentStorage) {
		return new StorageHealthIndicator(experimentStorage);
	}

}
