package io.hardening.init.autoconfigure;

import io.hardening.init.InitTracker;
import io.hardening.init.metrics.InitMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the init metrics.
 */
@AutoConfiguration(before = InitAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "hardening.init.enabled", matchIfMissing = true)
public final class InitMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InitMetrics initMetrics(ObjectProvider<InitTracker> tracker) {
		return new InitMetrics(tracker);
	}

}
