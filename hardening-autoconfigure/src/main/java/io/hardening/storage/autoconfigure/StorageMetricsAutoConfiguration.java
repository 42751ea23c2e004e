package io.hardening.storage.autoconfigure;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.actuate.StorageMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for storage metrics. Runs before the storage so that the storage
 * finds the metrics listener.
 */
@AutoConfiguration(before = StorageAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBooleanProperty(name = "hardening.storage.enabled", matchIfMissing = true)
public final class StorageMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StorageMetrics storageMetrics(ObjectProvider<ExperimentStorage> experimentStorage) {
		return new StorageMetrics(experimentStorage::getObject);
	}

}
