package io.hardening.resilience.autoconfigure;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetricsPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceMetricsAutoConfigurationTests {

	// What the starter's users get: Boot's metrics, the starter's Resilience4j registries
	// and Spring Cloud CircuitBreaker's blocking and reactive factories.
	private static final AutoConfigurations LIBRARIES = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			ResilienceRegistriesAutoConfiguration.class, Resilience4JAutoConfiguration.class,
			ReactiveResilience4JAutoConfiguration.class);

	private final ApplicationContextRunner libraries = new ApplicationContextRunner().withConfiguration(LIBRARIES);

	private final ApplicationContextRunner runner = this.libraries
		.withConfiguration(AutoConfigurations.of(ResilienceMetricsAutoConfiguration.class));

	@Test
	void publishersWhenMeterRegistryExistsAreCreated() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TaggedCircuitBreakerMetricsPublisher.class)
			.hasSingleBean(TaggedBulkheadMetricsPublisher.class)
			.hasSingleBean(TaggedThreadPoolBulkheadMetricsPublisher.class));
	}

	@Test
	void callWhenPublishedOnceIsCountedOnce() {
		this.runner.run((context) -> {
			runOneCall(context);
			assertThat(successfulCalls(context)).isEqualTo(1);
		});
	}

	@Test
	void callWithoutThisConfigurationIsCountedTwice() {
		// Why this configuration exists: Spring Cloud binds the breaker metrics from its
		// reactive and its blocking configuration. If this starts failing, Spring Cloud
		// or Resilience4j has fixed it and the configuration may go.
		this.libraries.run((context) -> {
			runOneCall(context);
			assertThat(successfulCalls(context)).isEqualTo(2);
		});
	}

	@Test
	void publisherWhenUserDefinesOneBacksOff() {
		TaggedCircuitBreakerMetricsPublisher own = new TaggedCircuitBreakerMetricsPublisher(new SimpleMeterRegistry());
		this.runner.withBean(TaggedCircuitBreakerMetricsPublisher.class, () -> own)
			.run((context) -> assertThat(context).getBean(TaggedCircuitBreakerMetricsPublisher.class).isSameAs(own));
	}

	@Test
	void publishersWithoutMeterRegistryBeanAreAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaggedCircuitBreakerMetricsPublisher.class));
	}

	@Test
	void publishersWithoutResilience4jMicrometerAreAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader(TaggedCircuitBreakerMetricsPublisher.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("taggedCircuitBreakerMetricsPublisher"));
	}

	private static void runOneCall(AssertableApplicationContext context) {
		context.getBean(ReactiveResilience4JCircuitBreakerFactory.class)
			.create("flash")
			.run(Flux.just("a", "b"))
			.blockLast();
	}

	private static long successfulCalls(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.get("resilience4j.circuitbreaker.calls")
			.tags("name", "flash", "kind", "successful")
			.timer()
			.count();
	}

}
