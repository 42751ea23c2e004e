package io.hardening.reasoning.autoconfigure;

import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiConnectionPool;
import io.hardening.reasoning.vertex.VertexCredentialsSupplier;
import io.hardening.reasoning.vertex.VertexEndpoint;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gemini on Vertex AI, the default provider
 * ({@code hardening.reasoning.provider=vertex}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnReasoningProvider(Provider.VERTEX)
@ConditionalOnClass(name = { "org.springframework.web.reactive.function.client.WebClient",
		"com.google.auth.oauth2.GoogleCredentials" })
@ConditionalOnMissingBean(ReasoningModels.class)
class VertexReasoningConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VertexCredentialsSupplier vertexCredentialsSupplier() {
		return VertexCredentialsSupplier.applicationDefault();
	}

	@Bean
	@ConditionalOnMissingBean
	GeminiClient reasoningGeminiClient(ReasoningProperties properties, VertexCredentialsSupplier credentials,
			BeanFactory beanFactory, ObjectProvider<GeminiConnectionPool> pools, ObjectProvider<JsonMapper> mappers) {
		VertexProperties vertex = properties.getVertex();
		String baseUrl = (vertex.getBaseUrl() != null) ? vertex.getBaseUrl()
				: VertexEndpoint.baseUrl(vertex.getLocation());
		return GeminiClients.client(baseUrl,
				new VertexEndpoint(vertex.getProjectId(), vertex.getLocation(), credentials), beanFactory, pools,
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
