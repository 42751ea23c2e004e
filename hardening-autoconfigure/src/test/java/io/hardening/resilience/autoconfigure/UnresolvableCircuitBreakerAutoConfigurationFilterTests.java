package io.hardening.resilience.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class UnresolvableCircuitBreakerAutoConfigurationFilterTests {

	private static final String REACTIVE = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration";

	private static final String[] CANDIDATES = {
			UnresolvableCircuitBreakerAutoConfigurationFilter.BLOCKING_AUTO_CONFIGURATION, REACTIVE,
			BlockingCircuitBreakerAutoConfiguration.class.getName() };

	@Test
	void leavesOutSpringCloudsBlockingAutoConfigurationWhenResilience4jSpringBootModuleIsAbsent() {
		UnresolvableCircuitBreakerAutoConfigurationFilter filter = new UnresolvableCircuitBreakerAutoConfigurationFilter();
		filter.setBeanClassLoader(getClass().getClassLoader());
		assertThat(filter.match(CANDIDATES, null)).containsExactly(false, true, true);
	}

	@Test
	void keepsItWhenTheModuleIsThere() {
		UnresolvableCircuitBreakerAutoConfigurationFilter filter = new UnresolvableCircuitBreakerAutoConfigurationFilter();
		filter.setBeanClassLoader(new ResilienceRegistriesAutoConfigurationTests.ClassDefiningLoader(
				UnresolvableCircuitBreakerAutoConfigurationFilter.ORDERED_AFTER));
		assertThat(filter.match(CANDIDATES, null)).containsExactly(true, true, true);
	}

	@Test
	void looksForTheModuleOnceHoweverOftenBootAsks() {
		AtomicInteger lookups = new AtomicInteger();
		ClassLoader counting = new ClassLoader(getClass().getClassLoader()) {

			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				if (name.equals(UnresolvableCircuitBreakerAutoConfigurationFilter.ORDERED_AFTER)) {
					lookups.incrementAndGet();
				}
				return super.loadClass(name, resolve);
			}

		};
		UnresolvableCircuitBreakerAutoConfigurationFilter filter = new UnresolvableCircuitBreakerAutoConfigurationFilter();
		filter.setBeanClassLoader(counting);
		// Boot asks about all candidates, then about each class it imports, one by one.
		assertThat(filter.match(CANDIDATES, null)).containsExactly(false, true, true);
		for (String candidate : CANDIDATES) {
			assertThat(filter.match(new String[] { candidate }, null)).containsExactly(
					!candidate.equals(UnresolvableCircuitBreakerAutoConfigurationFilter.BLOCKING_AUTO_CONFIGURATION));
		}
		assertThat(lookups).hasValue(1);
	}

	@Test
	void isRegisteredWithBootsImportFilters() {
		List<AutoConfigurationImportFilter> filters = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(AutoConfigurationImportFilter.class);
		assertThat(filters).hasAtLeastOneElementOfType(UnresolvableCircuitBreakerAutoConfigurationFilter.class);
	}

}
