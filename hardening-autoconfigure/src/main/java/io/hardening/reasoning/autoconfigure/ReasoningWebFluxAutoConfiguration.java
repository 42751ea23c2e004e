package io.hardening.reasoning.autoconfigure;

import io.hardening.init.InitTracker;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.web.ReasoningController;
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
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@code /api/reasoning/query} in a reactive web application: the
 * controller both stacks share, and the non-blocking reader of its request body.
 */
@AutoConfiguration(after = ReasoningStreamAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean(ReasoningRuns.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.web.enabled", matchIfMissing = true)
public final class ReasoningWebFluxAutoConfiguration {

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
	WebFluxConfigurer reasoningWebFluxConfigurer(ReasoningWeb reasoningWeb) {
		return new WebFluxConfigurer() {

			@Override
			public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
				configurer.customCodecs().register(reasoningWeb.reactiveReader());
			}

		};
	}

}
