package io.hardening.reasoning.autoconfigure;

import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;
import io.hardening.reasoning.gemini.GeminiApiEndpoint;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiConnectionPool;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Gemini Developer API, selected by {@code hardening.reasoning.provider=gemini-api}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnReasoningProvider(Provider.GEMINI_API)
@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
@ConditionalOnMissingBean(ReasoningModels.class)
class GeminiApiReasoningConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GeminiClient reasoningGeminiClient(ReasoningProperties properties, BeanFactory beanFactory,
			ObjectProvider<GeminiConnectionPool> pools, ObjectProvider<JsonMapper> mappers) {
		GeminiApiProperties api = properties.getGeminiApi();
		return GeminiClients.client(api.getBaseUrl(), new GeminiApiEndpoint(api.getApiKey()), beanFactory, pools,
				mappers);
	}

	@Bean
	ReasoningModels reasoningModels(GeminiClient client, ReasoningProperties properties) {
		return GeminiClients.models(client, properties);
	}

	@Bean(ReasoningAutoConfiguration.INIT_COMPONENT_NAME)
	@ConditionalOnMissingBean(name = ReasoningAutoConfiguration.INIT_COMPONENT_NAME)
	InitComponent vertexAi(GeminiClient client, ReasoningProperties properties) {
		return GeminiClients.initComponent(client, properties);
	}

}
