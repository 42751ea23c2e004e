package io.hardening.reasoning.autoconfigure;

import java.util.List;

import io.hardening.autoconfigure.InvalidHardeningPropertyException;
import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.gemini.GeminiClient;
import io.hardening.reasoning.gemini.GeminiConnectionPool;
import io.hardening.reasoning.gemini.GeminiEndpoint;
import io.hardening.reasoning.gemini.GeminiInitComponent;
import io.hardening.reasoning.gemini.GeminiModel;
import io.hardening.reasoning.gemini.GenerationSettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds what the two Gemini providers share: the client, the models and the init
 * component.
 */
final class GeminiClients {

	static final String WEB_CLIENT_CUSTOMIZER = "org.springframework.boot.webclient.WebClientCustomizer";

	private static final boolean CUSTOMIZERS_PRESENT = ClassUtils.isPresent(WEB_CLIENT_CUSTOMIZER,
			GeminiClients.class.getClassLoader());

	private GeminiClients() {
	}

	static GeminiClient client(String baseUrl, GeminiEndpoint endpoint, BeanFactory beanFactory,
			ObjectProvider<GeminiConnectionPool> pools, ObjectProvider<JsonMapper> mappers) {
		// Built on first use, off the startup path (GeminiClient).
		return new GeminiClient(() -> {
			WebClient.Builder builder = builder(beanFactory).baseUrl(baseUrl);
			pools.ifAvailable((pool) -> builder.clientConnector(pool.connector()));
			return builder.build();
		}, endpoint, mappers.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * A builder made as Boot makes its {@code WebClient.Builder} bean, with every
	 * {@link WebClientCustomizer} (codecs, observations), but not the application's own
	 * {@code WebClient.Builder} bean: that one replaces Boot's and may be made for the
	 * application's calls alone, a {@code @LoadBalanced} one would send Gemini's host to
	 * a load balancer as a service id.
	 */
	private static WebClient.Builder builder(BeanFactory beanFactory) {
		WebClient.Builder builder = WebClient.builder();
		if (CUSTOMIZERS_PRESENT) {
			Customizers.apply(beanFactory, builder);
		}
		return builder;
	}

	static ReasoningModels models(GeminiClient client, ReasoningProperties properties) {
		return new ReasoningModels(model(client, properties.getFlash(), properties.getSystemInstruction()),
				model(client, properties.getPro(), properties.getSystemInstruction()));
	}

	static InitComponent initComponent(GeminiClient client, ReasoningProperties properties) {
		return new GeminiInitComponent(ReasoningAutoConfiguration.INIT_COMPONENT_NAME, client,
				List.of(properties.getFlash().getModel(), properties.getPro().getModel()), properties.getInitTimeout());
	}

	private static GeminiModel model(GeminiClient client, ModelProperties model, String systemInstruction) {
		return new GeminiModel(client, model.getModel(), model.getTimeout(), settings(model, systemInstruction));
	}

	/**
	 * The generation settings of a model; a thinking level and a thinking budget together
	 * are refused, as Google refuses them (HTTP 400 on every call).
	 */
	static GenerationSettings settings(ModelProperties model, String systemInstruction) {
		if (model.getThinkingLevel() != null && model.getThinkingBudget() != null) {
			throw new InvalidHardeningPropertyException(model.prefix() + "thinking-budget", model.getThinkingBudget(),
					"is set together with " + model.prefix() + "thinking-level, and Google refuses a request with both",
					"Set thinking-level for a Gemini 3 model or thinking-budget for a Gemini 2.5 model, not both.",
					model.prefix() + "thinking-level");
		}
		return new GenerationSettings(model.getTemperature(), model.getMaxOutputTokens(), model.getThinkingLevel(),
				model.getThinkingBudget(), systemInstruction);
	}

	// Loaded only where Boot's WebClient module is there.
	private static final class Customizers {

		static void apply(BeanFactory beanFactory, WebClient.Builder builder) {
			beanFactory.getBeanProvider(WebClientCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(builder));
		}

	}

}
