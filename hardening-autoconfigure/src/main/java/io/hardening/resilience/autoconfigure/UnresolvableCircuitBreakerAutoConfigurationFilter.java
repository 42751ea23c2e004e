package io.hardening.resilience.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
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
 * Whether the module is there is looked up once. Boot asks an import filter about all
 * candidates, then once more about each auto-configuration on its own as it imports it
 * (about 300 calls in the sample app), as
 * {@link UnusedSpringCloudCommonsAutoConfigurationFilter} explains. Looking for the
 * absent class on every call searched every nested jar of an executable jar each time:
 * about 40 ms of every start on Java 17 (docs/performance.md, "Cold start").
 */
public final class UnresolvableCircuitBreakerAutoConfigurationFilter
		implements AutoConfigurationImportFilter, BeanClassLoaderAware {

	static final String BLOCKING_AUTO_CONFIGURATION = "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration";

	// The class Spring Cloud's @AutoConfigureAfter names.
	static final String ORDERED_AFTER = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration";

	private ClassLoader classLoader;

	// Decided once, on the first call: the class path does not change.
	private Boolean moduleAbsent;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		return AutoConfigurationsLeftOut.matches(autoConfigurationClasses,
				moduleAbsent() ? Set.of(BLOCKING_AUTO_CONFIGURATION) : Set.of());
	}

	private boolean moduleAbsent() {
		Boolean absent = this.moduleAbsent;
		if (absent == null) {
			absent = !ClassUtils.isPresent(ORDERED_AFTER, this.classLoader);
			this.moduleAbsent = absent;
		}
		return absent;
	}

}
