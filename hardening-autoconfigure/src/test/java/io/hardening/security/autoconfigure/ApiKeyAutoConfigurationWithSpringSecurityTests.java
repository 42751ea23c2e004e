package io.hardening.security.autoconfigure;

import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.web.ApiKeyServletFilter;
import io.hardening.security.web.ApiKeyWebFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security on the classpath the application's own rules govern
 * {@code /api/**}: the API key filter is not created. Runs in the surefire execution that
 * has Spring Security's jars, skipped where they are absent (a {@code -Dtest} run of the
 * default execution).
 */
@EnabledIf(value = "springSecurityPresent",
		disabledReason = "needs Spring Security: see the spring-security-tests execution")
class ApiKeyAutoConfigurationWithSpringSecurityTests {

	private static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

	private static final String SERVER_HTTP_SECURITY = "org.springframework.security.config.web.server.ServerHttpSecurity";

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ApiKeyAutoConfiguration.class, SecretsSanitizingAutoConfiguration.class))
		.withPropertyValues("hardening.security.api-keys=one,two");

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ApiKeyAutoConfiguration.class, SecretsSanitizingAutoConfiguration.class))
		.withPropertyValues("hardening.security.api-keys=one,two");

	static boolean springSecurityPresent() {
		return ClassUtils.isPresent(HTTP_SECURITY, null);
	}

	@Test
	void reactiveAppBacksOffToSpringSecurity() {
		this.reactive.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyWebFilter.class)
			.doesNotHaveBean(ApiKeyVerifier.class));
	}

	@Test
	void servletAppBacksOffToSpringSecurity() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyServletFilter.class)
			.doesNotHaveBean(ApiKeyVerifier.class));
	}

	@Test
	void secretsAreStillMaskedWithSpringSecurity() {
		this.servlet.run((context) -> assertThat(context).hasBean("hardeningSecretsSanitizingFunction"));
	}

	@Test
	void withoutSpringSecurityTheFilterIsCreated() {
		this.reactive.withClassLoader(new FilteredClassLoader(HTTP_SECURITY, SERVER_HTTP_SECURITY))
			.run((context) -> assertThat(context).hasSingleBean(ApiKeyWebFilter.class));
		this.servlet.withClassLoader(new FilteredClassLoader(HTTP_SECURITY, SERVER_HTTP_SECURITY))
			.run((context) -> assertThat(context).hasSingleBean(ApiKeyServletFilter.class));
	}

}
