package io.hardening.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceRegistriesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceRegistriesAutoConfiguration.class));

	@Test
	void registriesAreCreated() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CircuitBreakerRegistry.class)
			.hasSingleBean(TimeLimiterRegistry.class)
			.hasSingleBean(BulkheadRegistry.class)
			.hasSingleBean(ThreadPoolBulkheadRegistry.class));
	}

	@Test
	void instanceKeysWhenSetCreateTheInstanceAtStartupOnItsBaseConfig() {
		this.runner
			.withPropertyValues("resilience4j.circuitbreaker.configs.default.sliding-window-size=7",
					"resilience4j.circuitbreaker.configs.shared.minimum-number-of-calls=3",
					"resilience4j.circuitbreaker.instances.flash.base-config=shared",
					"resilience4j.circuitbreaker.instances.flash.slow-call-duration-threshold=300s",
					"resilience4j.circuitbreaker.instances.pro.wait-duration-in-open-state=10s",
					"resilience4j.circuitbreaker.tags.team=models")
			.run((context) -> {
				CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
				assertThat(registry.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
					.containsExactlyInAnyOrder("flash", "pro");
				CircuitBreakerConfig flash = registry.circuitBreaker("flash").getCircuitBreakerConfig();
				assertThat(flash.getMinimumNumberOfCalls()).isEqualTo(3);
				assertThat(flash.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(300));
				CircuitBreakerConfig pro = registry.circuitBreaker("pro").getCircuitBreakerConfig();
				assertThat(pro.getSlidingWindowSize()).isEqualTo(7);
				assertThat(pro.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000L);
				assertThat(registry.circuitBreaker("pro").getTags()).containsEntry("team", "models");
				// A breaker created later by name takes the default config.
				assertThat(registry.circuitBreaker("other").getCircuitBreakerConfig().getSlidingWindowSize())
					.isEqualTo(7);
			});
	}

	@Test
	void timeLimiterAndBulkheadKeysReachTheirInstances() {
		this.runner
			.withPropertyValues("resilience4j.timelimiter.instances.storage.timeout-duration=5s",
					"resilience4j.timelimiter.instances.storage.cancel-running-future=true",
					"resilience4j.bulkhead.instances.storage.max-concurrent-calls=32",
					"resilience4j.bulkhead.instances.storage.max-wait-duration=0",
					"resilience4j.thread-pool-bulkhead.instances.storage.core-thread-pool-size=2",
					"resilience4j.thread-pool-bulkhead.instances.storage.max-thread-pool-size=3")
			.run((context) -> {
				assertThat(context.getBean(TimeLimiterRegistry.class).getAllTimeLimiters()).singleElement()
					.satisfies((limiter) -> {
						assertThat(limiter.getTimeLimiterConfig().getTimeoutDuration())
							.isEqualTo(Duration.ofSeconds(5));
						assertThat(limiter.getTimeLimiterConfig().shouldCancelRunningFuture()).isTrue();
					});
				assertThat(context.getBean(BulkheadRegistry.class).bulkhead("storage").getBulkheadConfig())
					.satisfies((config) -> {
						assertThat(config.getMaxConcurrentCalls()).isEqualTo(32);
						assertThat(config.getMaxWaitDuration()).isZero();
					});
				assertThat(context.getBean(ThreadPoolBulkheadRegistry.class).getAllBulkheads()).singleElement()
					.satisfies(
							(bulkhead) -> assertThat(bulkhead.getBulkheadConfig().getMaxThreadPoolSize()).isEqualTo(3));
			});
	}

	@Test
	void customizerBeanReachesItsInstance() {
		this.runner.withPropertyValues("resilience4j.circuitbreaker.instances.flash.minimum-number-of-calls=3")
			.withBean(CircuitBreakerConfigCustomizer.class,
					() -> CircuitBreakerConfigCustomizer.of("flash", (builder) -> builder.slidingWindowSize(42)))
			.run((context) -> {
				CircuitBreakerConfig flash = context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("flash")
					.getCircuitBreakerConfig();
				assertThat(flash.getSlidingWindowSize()).isEqualTo(42);
				assertThat(flash.getMinimumNumberOfCalls()).isEqualTo(3);
			});
	}

	@Test
	void registryEventConsumerBeansSeeTheInstancesCreatedAtStartup() {
		RecordingConsumer consumer = new RecordingConsumer();
		this.runner.withPropertyValues("resilience4j.circuitbreaker.instances.flash.minimum-number-of-calls=3")
			.withBean("recordingConsumer", RecordingConsumer.class, () -> consumer)
			.run((context) -> assertThat(consumer.added).containsExactly("flash"));
	}

	@Test
	void registryWhenUserDefinesOneBacksOff() {
		CircuitBreakerRegistry own = CircuitBreakerRegistry.ofDefaults();
		this.runner.withBean(CircuitBreakerRegistry.class, () -> own)
			.run((context) -> assertThat(context).getBean(CircuitBreakerRegistry.class).isSameAs(own));
	}

	@Test
	void stepsAsideWhenResilience4jSpringBootModuleIsThere() {
		String moduleClass = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration";
		this.runner.withClassLoader(new ClassDefiningLoader(moduleClass))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("hardeningCircuitBreakerProperties")
				.doesNotHaveBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean(TimeLimiterRegistry.class)
				.doesNotHaveBean(BulkheadRegistry.class));
	}

	@Test
	void bulkheadRegistriesWithoutResilience4jBulkheadAreAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j.bulkhead"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean(BulkheadRegistry.class));
	}

	@Test
	void springCloudFactoriesRunOnTheseRegistries() {
		this.runner
			.withConfiguration(AutoConfigurations.of(Resilience4JAutoConfiguration.class,
					ReactiveResilience4JAutoConfiguration.class))
			.run((context) -> {
				CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
				assertThat(context.getBean(ReactiveResilience4JCircuitBreakerFactory.class).getCircuitBreakerRegistry())
					.isSameAs(registry);
				assertThat(context.getBean(Resilience4JCircuitBreakerFactory.class).getCircuitBreakerRegistry())
					.isSameAs(registry);
			});
	}

	static class RecordingConsumer implements RegistryEventConsumer<CircuitBreaker> {

		final List<String> added = new ArrayList<>();

		@Override
		public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
			this.added.add(event.getAddedEntry().getName());
		}

		@Override
		public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {
		}

		@Override
		public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {
		}

	}

	/**
	 * Finds one more class than the test class path has: an empty class of the given
	 * name, standing in for a module the test does not bring.
	 */
	static final class ClassDefiningLoader extends ClassLoader {

		private final String className;

		ClassDefiningLoader(String className) {
			super(ClassDefiningLoader.class.getClassLoader());
			this.className = className;
		}

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			if (!name.equals(this.className)) {
				throw new ClassNotFoundException(name);
			}
			ClassWriter writer = new ClassWriter(0);
			writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name.replace('.', '/'), null, "java/lang/Object", null);
			writer.visitEnd();
			byte[] bytes = writer.toByteArray();
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
