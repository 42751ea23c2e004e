package io.hardening.resilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.CustomizerWithName;
import io.github.resilience4j.common.bulkhead.configuration.BulkheadConfigCustomizer;
import io.github.resilience4j.common.bulkhead.configuration.CommonBulkheadConfigurationProperties;
import io.github.resilience4j.common.bulkhead.configuration.CommonThreadPoolBulkheadConfigurationProperties;
import io.github.resilience4j.common.bulkhead.configuration.ThreadPoolBulkheadConfigCustomizer;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.circuitbreaker.configuration.CommonCircuitBreakerConfigurationProperties;
import io.github.resilience4j.common.timelimiter.configuration.CommonTimeLimiterConfigurationProperties;
import io.github.resilience4j.common.timelimiter.configuration.TimeLimiterConfigCustomizer;
import io.github.resilience4j.core.registry.CompositeRegistryEventConsumer;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.EnableAutoConfiguration Auto-configuration} of the
 * Resilience4j registries that Spring Cloud CircuitBreaker's factories run on, bound to
 * Resilience4j's standard keys ({@code resilience4j.circuitbreaker.*},
 * {@code resilience4j.timelimiter.*}, {@code resilience4j.bulkhead.*},
 * {@code resilience4j.thread-pool-bulkhead.*}: {@code configs}, {@code instances},
 * {@code base-config}, {@code tags}) the way Resilience4j's Spring Boot module binds
 * them, with its customizer beans and registry event consumers (the metrics publishers).
 * Every named instance is created at startup.
 * <p>
 * The starter does not pull Resilience4j's Spring Boot module: its fifteen or so
 * auto-configurations (retry, rate limiter, annotations and aspects, endpoints, metrics
 * that stay silent on Boot 4) cost about half a second of startup for these four beans.
 * An application that adds the module gets all of it, and this configuration steps aside.
 */
@AutoConfiguration(
		afterName = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		beforeName = { "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration",
				"org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration" })
@ConditionalOnClass(name = { "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
		"io.github.resilience4j.timelimiter.TimeLimiterRegistry",
		"io.github.resilience4j.common.circuitbreaker.configuration.CommonCircuitBreakerConfigurationProperties" })
@ConditionalOnMissingClass("io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration")
@EnableConfigurationProperties
public final class ResilienceRegistriesAutoConfiguration {

	@Bean
	@ConfigurationProperties("resilience4j.circuitbreaker")
	CommonCircuitBreakerConfigurationProperties hardeningCircuitBreakerProperties() {
		return new CommonCircuitBreakerConfigurationProperties();
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry circuitBreakerRegistry(CommonCircuitBreakerConfigurationProperties properties,
			ObjectProvider<RegistryEventConsumer<CircuitBreaker>> consumers,
			ObjectProvider<CircuitBreakerConfigCustomizer> customizers) {
		CompositeCustomizer<CircuitBreakerConfigCustomizer> customizer = customizer(customizers);
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(
				configs(properties.getConfigs(),
						(name, instance) -> properties.createCircuitBreakerConfig(name, instance, customizer)),
				consumers(consumers), Map.copyOf(properties.getTags()));
		properties.getInstances()
			.forEach((name, instance) -> registry.circuitBreaker(name,
					properties.createCircuitBreakerConfig(name, instance, customizer)));
		return registry;
	}

	@Bean
	@ConfigurationProperties("resilience4j.timelimiter")
	CommonTimeLimiterConfigurationProperties hardeningTimeLimiterProperties() {
		return new CommonTimeLimiterConfigurationProperties();
	}

	@Bean
	@ConditionalOnMissingBean
	TimeLimiterRegistry timeLimiterRegistry(CommonTimeLimiterConfigurationProperties properties,
			ObjectProvider<RegistryEventConsumer<TimeLimiter>> consumers,
			ObjectProvider<TimeLimiterConfigCustomizer> customizers) {
		CompositeCustomizer<TimeLimiterConfigCustomizer> customizer = customizer(customizers);
		TimeLimiterRegistry registry = TimeLimiterRegistry.of(
				configs(properties.getConfigs(),
						(name, instance) -> properties.createTimeLimiterConfig(name, instance, customizer)),
				consumers(consumers), Map.copyOf(properties.getTags()));
		properties.getInstances()
			.forEach((name, instance) -> registry.timeLimiter(name,
					properties.createTimeLimiterConfig(name, instance, customizer)));
		return registry;
	}

	static <C, I> Map<String, C> configs(Map<String, I> configs, BiFunction<String, I, C> create) {
		Map<String, C> created = new LinkedHashMap<>();
		configs.forEach((name, config) -> created.put(name, create.apply(name, config)));
		return created;
	}

	static <T> RegistryEventConsumer<T> consumers(ObjectProvider<RegistryEventConsumer<T>> consumers) {
		return new CompositeRegistryEventConsumer<>(consumers.orderedStream().toList());
	}

	static <T extends CustomizerWithName> CompositeCustomizer<T> customizer(ObjectProvider<T> customizers) {
		return new CompositeCustomizer<>(customizers.orderedStream().toList());
	}

	/**
	 * The semaphore and thread-pool bulkheads Spring Cloud puts around each call, when
	 * Resilience4j's bulkhead module is there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.bulkhead.BulkheadRegistry")
	static class BulkheadRegistriesConfiguration {

		@Bean
		@ConfigurationProperties("resilience4j.bulkhead")
		CommonBulkheadConfigurationProperties hardeningBulkheadProperties() {
			return new CommonBulkheadConfigurationProperties();
		}

		@Bean
		@ConditionalOnMissingBean
		BulkheadRegistry bulkheadRegistry(CommonBulkheadConfigurationProperties properties,
				ObjectProvider<RegistryEventConsumer<Bulkhead>> consumers,
				ObjectProvider<BulkheadConfigCustomizer> customizers) {
			CompositeCustomizer<BulkheadConfigCustomizer> customizer = customizer(customizers);
			BulkheadRegistry registry = BulkheadRegistry.of(
					configs(properties.getConfigs(),
							(name, instance) -> properties.createBulkheadConfig(instance, customizer, name)),
					consumers(consumers), Map.copyOf(properties.getTags()));
			properties.getInstances()
				.forEach((name, instance) -> registry.bulkhead(name,
						properties.createBulkheadConfig(instance, customizer, name)));
			return registry;
		}

		@Bean
		@ConfigurationProperties("resilience4j.thread-pool-bulkhead")
		CommonThreadPoolBulkheadConfigurationProperties hardeningThreadPoolBulkheadProperties() {
			return new CommonThreadPoolBulkheadConfigurationProperties();
		}

		@Bean
		@ConditionalOnMissingBean
		ThreadPoolBulkheadRegistry threadPoolBulkheadRegistry(
				CommonThreadPoolBulkheadConfigurationProperties properties,
				ObjectProvider<RegistryEventConsumer<ThreadPoolBulkhead>> consumers,
				ObjectProvider<ThreadPoolBulkheadConfigCustomizer> customizers) {
			CompositeCustomizer<ThreadPoolBulkheadConfigCustomizer> customizer = customizer(customizers);
			ThreadPoolBulkheadRegistry registry = ThreadPoolBulkheadRegistry.of(
					configs(properties.getConfigs(),
							(name, instance) -> properties.createThreadPoolBulkheadConfig(instance, customizer, name)),
					consumers(consumers), Map.copyOf(properties.getTags()));
			properties.getInstances()
				.forEach((name, instance) -> registry.bulkhead(name,
						properties.createThreadPoolBulkheadConfig(name, customizer)));
			return registry;
		}

	}

}
