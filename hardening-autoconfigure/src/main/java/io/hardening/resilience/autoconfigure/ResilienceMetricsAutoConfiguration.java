package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetricsPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that publishes Resilience4j circuit breaker and bulkhead metrics
 * exactly once.
 * <p>
 * Resilience4j's own metrics auto-configurations order themselves after Boot 3's metrics
 * classes, so on Boot 4 they find no {@link MeterRegistry} and publish nothing. Spring
 * Cloud CircuitBreaker then binds {@code TaggedCircuitBreakerMetrics} twice, from its
 * reactive and from its blocking auto-configuration, over the one registry: every call is
 * recorded twice in {@code resilience4j_circuitbreaker_calls_seconds} and
 * {@code resilience4j_circuitbreaker_not_permitted_calls_total}. A
 * {@link TaggedCircuitBreakerMetricsPublisher} bean makes both back off; the publishers
 * join Resilience4j's registries as registry event consumers, so each breaker and
 * bulkhead is published once, when it is created.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration",
		"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadMetricsAutoConfiguration",
		"io.github.resilience4j.springboot3.bulkhead.autoconfigure.ThreadPoolBulkheadMetricsAutoConfiguration" },
		beforeName = { "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration",
				"org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration" })
@ConditionalOnClass(name = { "io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher",
		"io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry", "io.micrometer.core.instrument.MeterRegistry" })
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
public final class ResilienceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaggedCircuitBreakerMetricsPublisher taggedCircuitBreakerMetricsPublisher(MeterRegistry meterRegistry) {
		return new TaggedCircuitBreakerMetricsPublisher(meterRegistry);
	}

	// Spring Cloud's configurations that back off bound the bulkhead metrics too.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.bulkhead.Bulkhead")
	static class BulkheadMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TaggedBulkheadMetricsPublisher taggedBulkheadMetricsPublisher(MeterRegistry meterRegistry) {
			return new TaggedBulkheadMetricsPublisher(meterRegistry);
		}

		@Bean
		@ConditionalOnMissingBean
		TaggedThreadPoolBulkheadMetricsPublisher taggedThreadPoolBulkheadMetricsPublisher(MeterRegistry meterRegistry) {
			return new TaggedThreadPoolBulkheadMetricsPublisher(meterRegistry);
		}

	}

}
