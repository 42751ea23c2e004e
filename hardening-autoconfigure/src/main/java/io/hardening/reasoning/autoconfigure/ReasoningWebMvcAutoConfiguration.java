package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.web.ReasoningWeb;
import io.hardening.reasoning.web.ServletReasoningHandler;
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
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@code /api/reasoning/query} in a servlet (Spring MVC) web
 * application, served through the same reactive pipeline.
 */
@AutoConfiguration(after = ReasoningStreamAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(ReasoningRuns.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.web.enabled", matchIfMissing = true)
public final class ReasoningWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServletReasoningHandler servletReasoningHandler(ReasoningRuns runs, ReasoningStreamProperties properties,
			ObjectProvider<JsonMapper> mapper) {
		return ReasoningWeb.servlet(runs, properties.getMaxQueryLength(), properties.getHeartbeat(),
				properties.getReconnectGrace(), properties.getTimeout(), mapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean(name = "reasoningServletRouterFunction")
	RouterFunction<ServerResponse> reasoningServletRouterFunction(ServletReasoningHandler servletReasoningHandler) {
		return servletReasoningHandler.routes();
	}

}
