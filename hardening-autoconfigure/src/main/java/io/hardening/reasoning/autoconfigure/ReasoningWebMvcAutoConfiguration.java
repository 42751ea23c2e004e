package io.hardening.reasoning.autoconfigure;

import java.util.List;

import io.hardening.init.InitTracker;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.web.ReasoningController;
import io.hardening.reasoning.web.ReasoningMvcAdvice;
import io.hardening.reasoning.web.ReasoningWeb;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@code /api/reasoning/query} in a servlet (Spring MVC) web
 * application: the controller both stacks share, the bounded reader of its request body,
 * and the executor Spring MVC writes the streams on.
 * <p>
 * Spring MVC writes a reactive return value on its async executor. This configuration
 * gives it a bounded one ({@code hardening-mvc-write-} threads, at most
 * {@code max-concurrent-streams}, none queued: each open stream has at most one write in
 * flight), so that a write that blocks on a slow client holds one thread of that pool and
 * never a model's event loop; and, unless {@code spring.mvc.async.request-timeout} is
 * set, an async timeout 30s past {@code hardening.reasoning.timeout}, so the container
 * never cuts a stream that is still within its budget.
 */
@AutoConfiguration(after = ReasoningStreamAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ReasoningRuns.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.web.enabled", matchIfMissing = true)
public final class ReasoningWebMvcAutoConfiguration {

	private static final String ASYNC_TIMEOUT_PROPERTY = "spring.mvc.async.request-timeout";

	@Bean
	@ConditionalOnMissingBean
	ReasoningWeb reasoningWeb(ReasoningRuns runs, ReasoningProperties properties, ObjectProvider<JsonMapper> mapper,
			ObjectProvider<InitTracker> tracker) {
		return ReasoningWebSupport.web(runs, properties, mapper, tracker);
	}

	@Bean
	@ConditionalOnMissingBean
	ReasoningController reasoningController(ReasoningWeb reasoningWeb) {
		return reasoningWeb.controller();
	}

	@Bean
	@ConditionalOnMissingBean
	ReasoningMvcAdvice reasoningMvcAdvice() {
		return new ReasoningMvcAdvice();
	}

	@Bean(name = "reasoningMvcWriteExecutor", destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = "reasoningMvcWriteExecutor")
	ThreadPoolTaskExecutor reasoningMvcWriteExecutor(ReasoningProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("hardening-mvc-write-");
		executor.setCorePoolSize(Math.min(8, properties.getMaxConcurrentStreams()));
		executor.setMaxPoolSize(properties.getMaxConcurrentStreams());
		executor.setQueueCapacity(0);
		executor.setAllowCoreThreadTimeOut(true);
		executor.initialize();
		return executor;
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebMvcConfigurer reasoningWebMvcConfigurer(ReasoningWeb reasoningWeb, ReasoningProperties properties,
			ThreadPoolTaskExecutor reasoningMvcWriteExecutor, Environment environment) {
		return new WebMvcConfigurer() {

			@Override
			public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
				converters.add(0, reasoningWeb.servletConverter());
			}

			@Override
			public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
				configurer.setTaskExecutor(reasoningMvcWriteExecutor);
				if (!environment.containsProperty(ASYNC_TIMEOUT_PROPERTY)) {
					configurer.setDefaultTimeout(properties.getTimeout().plusSeconds(30).toMillis());
				}
			}

		};
	}

}
