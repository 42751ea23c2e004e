package io.hardening.reasoning.autoconfigure;

import java.util.List;

import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiConnectionPool;
import io.hardening.reasoning.gemini.GeminiEndpoint;
import io.hardening.reasoning.gemini.GeminiInitComponent;
import io.hardening.reasoning.gemini.GeminiModel;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds what the two Gemini providers share: the client, the models and the init
 * component.
 */
final class GeminiClients {

	private GeminiClients() {
	}

	static GeminiClient client(String baseUrl, GeminiEndpoint endpoint, ObjectProvider<WebClient.Builder> builders,
			ObjectProvider<GeminiConnectionPool> pools, ObjectProvider<JsonMapper> mappers) {
		// Built on first use, off the startup path (GeminiClient).
		return new GeminiClient(() -> {
			WebClient.Builder builder = builders.getIfAvailable(WebClient::builder).clone().baseUrl(baseUrl);
			pools.ifAvailable((pool) -> builder.clientConnector(pool.connector()));
			return builder.build();
		}, endpoint, mappers.getIfAvailable(JsonMapper::shared));
	}

	static ReasoningModels models(GeminiClient client, ReasoningProperties properties) {
		return new ReasoningModels(model(client, properties.getFlash()), model(client, properties.getPro()));
	}

	static InitComponent initComponent(GeminiClient client, ReasoningProperties properties) {
		return new GeminiInitComponent(ReasoningAutoConfiguration.INIT_COMPONENT_NAME, client,
				List.of(properties.getFlash().getModel(), properties.getPro().getModel()), properties.getInitTimeout());
	}

	private static GeminiModel model(GeminiClient client, ReasoningProperties.Model model) {
		return new GeminiModel(client, model.getModel(), model.getTimeout());
	}

}
