package io.hardening.security.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.hardening.probes.autoconfigure.ProbesProperties;
import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.web.ApiKeyServletFilter;
import io.hardening.security.web.ApiKeyWebFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that makes {@code /api/**} need one of the configured API keys in
 * the {@code X-API-Key} header. It steps aside when Spring Security is on the classpath,
 * whose rules then govern, like the admin token guard.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnMissingClass({ "org.springframework.security.config.annotation.web.builders.HttpSecurity",
		"org.springframework.security.config.web.server.ServerHttpSecurity" })
@ConditionalOnBooleanProperty(name = "hardening.security.enabled", matchIfMissing = true)
@Conditional(OnApiKeysConfiguredCondition.class)
@EnableConfigurationProperties(HardeningSecurityProperties.class)
public final class ApiKeyAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ApiKeyAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ApiKeyVerifier apiKeyVerifier(HardeningSecurityProperties properties) {
		ApiKeyVerifier verifier = new ApiKeyVerifier(properties.getApiKeys());
		logger.info(LogMessage.format("API key required on %s/** (%d key(s) accepted)", ApiKeyGuard.PROTECTED_PREFIX,
				verifier.keyCount()));
		return verifier;
	}

	@Bean
	@ConditionalOnMissingBean
	ApiKeyGuard apiKeyGuard(ApiKeyVerifier verifier, ObjectProvider<ProbesProperties> probes, Environment environment) {
		return new ApiKeyGuard(verifier, environment.getProperty("management.endpoints.web.base-path", "/actuator"),
				probePaths(probes.getIfAvailable()));
	}

	private static Set<String> probePaths(ProbesProperties probes) {
		Set<String> paths = new LinkedHashSet<>();
		if (probes != null && probes.isEnabled()) {
			ProbesProperties.Paths configured = probes.getPaths();
			for (String path : new String[] { configured.getHealth(), configured.getHealthz(), configured.getLive(),
					configured.getReady() }) {
				if (StringUtils.hasLength(path)) {
					paths.add(path);
				}
			}
		}
		return paths;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveApiKeyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ApiKeyWebFilter apiKeyWebFilter(ApiKeyGuard guard) {
			return new ApiKeyWebFilter(guard);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletApiKeyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ApiKeyServletFilter apiKeyServletFilter(ApiKeyGuard guard) {
			return new ApiKeyServletFilter(guard);
		}

	}

}
