package io.hardening.requestid.autoconfigure;

import io.hardening.requestid.RequestIdThreadLocalAccessor;
import io.hardening.requestid.web.ReactiveRequestIdErrorAttributes;
import io.hardening.requestid.web.RequestIdServletFilter;
import io.hardening.requestid.web.RequestIdWebFilter;
import io.hardening.requestid.web.ServletRequestIdErrorAttributes;
import io.micrometer.context.ContextRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of request ids: every request gets one ({@code X-Request-Id}),
 * echoed on its response and shown in its log lines.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "hardening.request-id.enabled", matchIfMissing = true)
public final class RequestIdAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveRequestIdConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdWebFilter requestIdWebFilter() {
			return new RequestIdWebFilter();
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.webflux.error.ErrorAttributes")
		@ConditionalOnMissingBean(type = "org.springframework.boot.webflux.error.ErrorAttributes")
		ReactiveRequestIdErrorAttributes errorAttributes() {
			return new ReactiveRequestIdErrorAttributes();
		}

	}

	/**
	 * Lets Reactor carry the request id between the MDC and its context, in a reactive
	 * application and in a servlet one, whose streaming endpoint runs on Reactor too.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdThreadLocalAccessor requestIdThreadLocalAccessor() {
			RequestIdThreadLocalAccessor accessor = new RequestIdThreadLocalAccessor();
			// Replaces an accessor of the same key, so a restarted context does not add
			// a second one.
			ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
			return accessor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletRequestIdConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdServletFilter requestIdServletFilter() {
			return new RequestIdServletFilter();
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.webmvc.error.ErrorAttributes")
		@ConditionalOnMissingBean(type = "org.springframework.boot.webmvc.error.ErrorAttributes")
		ServletRequestIdErrorAttributes errorAttributes() {
			return new ServletRequestIdErrorAttributes();
		}

	}

}
