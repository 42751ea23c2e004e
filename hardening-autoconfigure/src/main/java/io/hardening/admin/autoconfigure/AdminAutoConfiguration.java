package io.hardening.admin.autoconfigure;

import io.hardening.admin.AdminTokenVerifier;
import io.hardening.admin.AdminWriteGuard;
import io.hardening.admin.web.AdminTokenServletFilter;
import io.hardening.admin.web.AdminTokenWebFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that makes Actuator writes need the admin token. It steps aside
 * when Spring Security is on the classpath, whose rules then govern.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnMissingClass({ "org.springframework.security.config.annotation.web.builders.HttpSecurity",
		"org.springframework.security.config.web.server.ServerHttpSecurity" })
@ConditionalOnBooleanProperty(name = "hardening.admin.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AdminProperties.class)
public final class AdminAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AdminWriteGuard adminWriteGuard(AdminProperties properties, Environment environment) {
		return new AdminWriteGuard(environment.getProperty("management.endpoints.web.base-path", "/actuator"),
				new AdminTokenVerifier(properties.getToken()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveAdminConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AdminTokenWebFilter adminTokenWebFilter(AdminWriteGuard guard) {
			return new AdminTokenWebFilter(guard);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletAdminConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AdminTokenServletFilter adminTokenServletFilter(AdminWriteGuard guard) {
			return new AdminTokenServletFilter(guard);
		}

	}

}
