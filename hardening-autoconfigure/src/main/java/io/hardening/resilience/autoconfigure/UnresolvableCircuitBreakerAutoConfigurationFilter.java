package io.hardening.resilience.autoconfigure;

import java.util.Set;

import org.springframework.util.ClassUtils;

/**
 * Leaves out Spring Cloud CircuitBreaker's blocking {@code Resilience4JAutoConfiguration}
 * when Resilience4j's Spring Boot module is absent, as the starter brings it; the
 * starter's {@link BlockingCircuitBreakerAutoConfiguration} creates the same factory
 * instead.
 * <p>
 * That class names {@code CircuitBreakerMetricsAutoConfiguration}, a class of the module,
 * in {@code @AutoConfigureAfter(value = ...)}. Without the module the annotation cannot
 * be read, and every look-up of annotations on the beans' types (Jackson's
 * {@code @JacksonComponent} scan, on every start) logged a WARN with a
 * {@link TypeNotPresentException}. An auto-configuration left out here is never loaded as
 * a class, so nothing reads it.
 * <p>
 * Whether the module is there is looked up once, on Boot's first call
 * ({@link ClassPathDecidedImportFilter}): looking for it on each of Boot's calls cost
 * about 40 ms of every start from an executable jar on Java 17 (docs/performance.md,
 * "Cold start").
 */
public final class UnresolvableCircuitBreakerAutoConfigurationFilter extends ClassPathDecidedImportFilter {

	static final String BLOCKING_AUTO_CONFIGURATION = "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration";

	// The class Spring Cloud's @AutoConfigureAfter names.
	static final String ORDERED_AFTER = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration";

	@Override
	Set<String> leftOut(ClassLoader classLoader) {
		return ClassUtils.isPresent(ORDERED_AFTER, classLoader) ? Set.of() : Set.of(BLOCKING_AUTO_CONFIGURATION);
	}

}
