package io.hardening.reasoning.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the Flash and Pro model clients: a
 * {@link io.hardening.reasoning.ReasoningModels} bean for the provider selected by
 * {@code hardening.reasoning.provider}, and the {@code vertexAi}
 * {@link io.hardening.init.InitComponent} that checks it. A user's own
 * {@code ReasoningModels} bean replaces both.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "hardening.reasoning.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReasoningProperties.class)
@Import({ VertexReasoningConfiguration.class, GeminiApiReasoningConfiguration.class,
		SimulatedReasoningConfiguration.class, ReasoningConnectionPoolConfiguration.class })
@ImportRuntimeHints(GeminiClientRuntimeHints.class)
public final class ReasoningAutoConfiguration {

	/**
	 * Name of the init component that checks the model client.
	 */
	public static final String INIT_COMPONENT_NAME = "vertexAi";

}
