package io.hardening.admin.autoconfigure;

import io.hardening.admin.web.AdminTokenServletFilter;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts the admin token filter in front of the management server of a servlet application
 * whose {@code management.server.port} differs from the main port.
 * <p>
 * That server belongs to a child context, and a servlet container registers only the
 * filters of its own context: without this the guard would protect the main port only. A
 * reactive child context builds its handler from every {@code WebFilter} it can see, its
 * parent's included, so it needs nothing here.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBean(AdminTokenServletFilter.class)
class AdminManagementChildContextConfiguration {

	@Bean
	FilterRegistrationBean<AdminTokenServletFilter> adminTokenServletFilterRegistration(
			AdminTokenServletFilter filter) {
		FilterRegistrationBean<AdminTokenServletFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(filter.getOrder());
		return registration;
	}

}
