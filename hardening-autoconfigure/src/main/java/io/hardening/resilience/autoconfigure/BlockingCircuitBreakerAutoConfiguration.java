package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.EnableAutoConfiguration Auto-configuration} of Spring
 * Cloud CircuitBreaker's blocking {@link Resilience4JCircuitBreakerFactory} (the one GCS
 * storage calls run through), as Spring Cloud's {@code Resilience4JAutoConfiguration}
 * creates it, on the registries of {@link ResilienceRegistriesAutoConfiguration}: the
 * same switches ({@code spring.cloud.circuitbreaker.resilience4j.enabled},
 * {@code .blocking.enabled}), customizer beans, bulkhead provider, observation registry
 * and {@code group} meter tag. It stands in for Spring Cloud's when
 * {@link UnresolvableCircuitBreakerAutoConfigurationFilter} leaves that one out, and
 * backs off when Spring Cloud's runs or the application has its own factory.
 */
@AutoConfiguration(after = { ResilienceRegistriesAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class },
		afterName = { UnresolvableCircuitBreakerAutoConfigurationFilter.BLOCKING_AUTO_CONFIGURATION,
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(name = { "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory",
		"io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry" })
@ConditionalOnProperty(name = { "spring.cloud.circuitbreaker.resilience4j.enabled",
		"spring.cloud.circuitbreaker.resilience4j.blocking.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(Resilience4JConfigurationProperties.class)
public final class BlockingCircuitBreakerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CircuitBreakerFactory.class)
	Resilience4JCircuitBreakerFactory resilience4jCircuitBreakerFactory(CircuitBreakerRegistry circuitBreakerRegistry,
			TimeLimiterRegistry timeLimiterRegistry, ObjectProvider<Resilience4jBulkheadProvider> bulkheadProvider,
			Resilience4JConfigurationProperties properties,
			ObjectProvider<Customizer<Resilience4JCircuitBreakerFactory>> customizers) {
		Resilience4JCircuitBreakerFactory factory = new Resilience4JCircuitBreakerFactory(circuitBreakerRegistry,
				timeLimiterRegistry, bulkheadProvider.getIfAvailable(), properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.bulkhead.Bulkhead")
	@ConditionalOnProperty(name = "spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled", matchIfMissing = true)
	static class BulkheadProviderConfiguration {

		@Bean
		@ConditionalOnMissingBean({ CircuitBreakerFactory.class, Resilience4jBulkheadProvider.class })
		Resilience4jBulkheadProvider bulkheadProvider(ThreadPoolBulkheadRegistry threadPoolBulkheadRegistry,
				BulkheadRegistry bulkheadRegistry, Resilience4JConfigurationProperties properties,
				ObjectProvider<Customizer<Resilience4jBulkheadProvider>> customizers) {
			Resilience4jBulkheadProvider provider = new Resilience4jBulkheadProvider(threadPoolBulkheadRegistry,
					bulkheadRegistry, properties);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(provider));
			return provider;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
	@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
	@ConditionalOnProperty(name = "spring.cloud.circuitbreaker.resilience4j.micrometer.enabled", matchIfMissing = true)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean(CircuitBreakerFactory.class)
		Customizer<Resilience4JCircuitBreakerFactory> hardeningObservationCircuitBreakerCustomizer(
				ObservationRegistry observationRegistry) {
			return (factory) -> factory.setObservationRegistry(observationRegistry);
		}

	}

	// Spring Cloud tags every resilience4j meter with its group, "none" by default; the
	// dashboards and alert rules select on it. The nested configurations are read before
	// the factory above: a factory that exists by then is Spring Cloud's or the
	// application's, which bring their own.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnProperty(name = "spring.cloud.circuitbreaker.resilience4j.enableGroupMeterFilter",
			havingValue = "true", matchIfMissing = true)
	static class GroupMeterFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean(CircuitBreakerFactory.class)
		MeterFilter resilience4JMeterFilter(Resilience4JConfigurationProperties properties) {
			return new MeterFilter() {

				@Override
				public Meter.Id map(Meter.Id id) {
					if (id.getName().startsWith("resilience4j") && id.getTag("group") == null) {
						return id.withTag(Tag.of("group", properties.getDefaultGroupTag()));
					}
					return id;
				}

			};
		}

	}

}
