package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingCircuitBreakerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(ResilienceRegistriesAutoConfiguration.class, BlockingCircuitBreakerAutoConfiguration.class));

	@Test
	void factoryRunsOnTheStartersRegistries() {
		this.runner.run((context) -> {
			Resilience4JCircuitBreakerFactory factory = context.getBean(Resilience4JCircuitBreakerFactory.class);
			assertThat(factory.getCircuitBreakerRegistry()).isSameAs(context.getBean(CircuitBreakerRegistry.class));
			assertThat(factory.getTimeLimiterRegistry()).isSameAs(context.getBean(TimeLimiterRegistry.class));
			assertThat(factory.getBulkheadProvider()).isSameAs(context.getBean(Resilience4jBulkheadProvider.class));
			assertThat(factory.create("storage-write").run(() -> "done")).isEqualTo("done");
		});
	}

	@Test
	void customizerBeansAreApplied() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(
					context.getBean(Resilience4JCircuitBreakerFactory.class).getCircuitBreakerRegistry())
				.isNotSameAs(context.getBean(CircuitBreakerRegistry.class)));
	}

	@Test
	void observationRegistryIsSetWhenThereIsOne() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasBean("hardeningObservationCircuitBreakerCustomizer"));
	}

	@Test
	void backsOffWhenSpringCloudsAutoConfigurationRuns() {
		this.runner.withConfiguration(AutoConfigurations.of(Resilience4JAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerFactory.class)
				.hasSingleBean(Resilience4jBulkheadProvider.class)
				.hasSingleBean(MeterFilter.class));
	}

	@Test
	void backsOffWhenTheApplicationHasAFactory() {
		this.runner.withBean("ownFactory", CircuitBreakerFactory.class, OwnFactory::create)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(CircuitBreakerFactory.class)
				.hasBean("ownFactory")
				.doesNotHaveBean(Resilience4jBulkheadProvider.class)
				.doesNotHaveBean(MeterFilter.class));
	}

	@Test
	void blockingSwitchTurnsItOff() {
		this.runner.withPropertyValues("spring.cloud.circuitbreaker.resilience4j.blocking.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerFactory.class));
	}

	@Test
	void resilience4jMetersGetSpringCloudsGroupTag() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			registry.config().meterFilter(context.getBean(MeterFilter.class));
			Counter breaker = registry.counter("resilience4j.circuitbreaker.not.permitted.calls", "name", "pro");
			Counter grouped = registry.counter("resilience4j.bulkhead.calls", "group", "models");
			Counter other = registry.counter("http.server.requests");
			assertThat(breaker.getId().getTag("group")).isEqualTo("none");
			assertThat(grouped.getId().getTag("group")).isEqualTo("models");
			assertThat(other.getId().getTag("group")).isNull();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		Customizer<Resilience4JCircuitBreakerFactory> registryCustomizer() {
			return (factory) -> factory.configureCircuitBreakerRegistry(CircuitBreakerRegistry.ofDefaults());
		}

	}

	private static final class OwnFactory {

		static CircuitBreakerFactory<?, ?> create() {
			return new Resilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(),
					TimeLimiterRegistry.ofDefaults(), null);
		}

	}

}
