package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.web.ReasoningHandler;
import io.hardening.reasoning.web.ReasoningWeb;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@code /api/reasoning/query} in a reactive web application.
 */
@AutoConfiguration(after = ReasoningStreamAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean(ReasoningRuns.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.web.enabled", matchIfMissing = true)
public final class ReasoningWebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReasoningHandler reasoningHandler(ReasoningRuns runs, ReasoningStreamProperties properties,
			ObjectProvider<JsonMapper> mapper) {
		return ReasoningWeb.reactive(runs, properties.getMaxQueryLength(), properties.getHeartbeat(),
				properties.getReconnectGrace(), mapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean(name = "reasoningRouterFunction")
	RouterFunction<ServerResponse> reasoningRouterFunction(ReasoningHandler reasoningHandler) {
		return reasoningHandler.routes();
	}

}
