package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.metrics.ReasoningMetrics;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the reasoning stream metrics.
 */
@AutoConfiguration(before = ReasoningStreamAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, ReasoningRuns.class })
@ConditionalOnBooleanProperty(name = "hardening.reasoning.enabled", matchIfMissing = true)
public final class ReasoningMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReasoningMetrics reasoningMetrics(ObjectProvider<ReasoningRuns> runs) {
		return new ReasoningMetrics(runs);
	}

}
