package io.hardening.storage.autoconfigure;

import io.hardening.probes.InMemoryHealthContributors;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.actuate.StorageHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

	/**
	 * In a reactive application, the indicator answers on the asking thread: it reads the
	 * storage's status from memory, and Boot's adapter of a blocking one would hop
	 * threads on every probe. Nested, so it is registered before the blocking one above
	 * is considered.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveStorageHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "storageHealthIndicator")
		ReactiveHealthContributor storageHealthIndicator(ExperimentStorage experimentStorage) {
			return InMemoryHealthContributors.adapt(new StorageHealthIndicator(experimentStorage));
		}

	}

}
