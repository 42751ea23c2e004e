package io.hardening.reasoning.autoconfigure;

import io.hardening.init.InitComponent;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;
import io.hardening.reasoning.simulated.SimulatedInitComponent;
import io.hardening.reasoning.simulated.SimulatedModel;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in simulator, selected by {@code hardening.reasoning.provider=simulated}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnReasoningProvider(Provider.SIMULATED)
@ConditionalOnMissingBean(ReasoningModels.class)
class SimulatedReasoningConfiguration {

	@Bean
	ReasoningModels reasoningModels(ReasoningProperties properties) {
		SimulatedProperties simulated = properties.getSimulated();
		return new ReasoningModels(
				new SimulatedModel("simulated-flash", simulated.getFlashLatency(), simulated.getFlashFailureRate(),
						simulated.getSeed(), simulated.getFlashRateLimitedAttempts()),
				new SimulatedModel("simulated-pro", simulated.getProLatency(), simulated.getProFailureRate(),
						simulated.getSeed(), simulated.getProRateLimitedAttempts()));
	}

	@Bean(ReasoningAutoConfiguration.INIT_COMPONENT_NAME)
	@ConditionalOnMissingBean(name = ReasoningAutoConfiguration.INIT_COMPONENT_NAME)
	InitComponent vertexAi(ReasoningProperties properties) {
		return new SimulatedInitComponent(ReasoningAutoConfiguration.INIT_COMPONENT_NAME,
				properties.getSimulated().getInitFailures());
	}

}
