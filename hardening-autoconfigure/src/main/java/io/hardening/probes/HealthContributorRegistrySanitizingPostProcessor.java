package io.hardening.probes;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Decorates the health contributor registries so that the details of every contributor,
 * the application's own and Boot's included, pass through the sanitizer before any health
 * answer ({@code /health}, {@code /healthz}, {@code /actuator/health}) shows them.
 * <p>
 * The registries are the one place every health answer reads contributors from, so a
 * contributor registered later, or one that writes an exception with
 * {@code Health.Builder.withException}, is covered too.
 */
public final class HealthContributorRegistrySanitizingPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HealthContributorRegistry registry
				&& !(bean instanceof SanitizingHealthContributorRegistry)) {
			return new SanitizingHealthContributorRegistry(registry);
		}
		if (bean instanceof ReactiveHealthContributorRegistry registry
				&& !(bean instanceof SanitizingReactiveHealthContributorRegistry)) {
			return new SanitizingReactiveHealthContributorRegistry(registry);
		}
		return bean;
	}

}
