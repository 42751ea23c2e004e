package io.hardening.reasoning.autoconfigure;

import io.hardening.init.autoconfigure.InitAutoConfiguration;
import io.hardening.reasoning.stream.TestBreakers;
import io.hardening.reasoning.web.ReasoningController;
import io.hardening.reasoning.web.ReasoningMvcAdvice;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasoningWebFluxAutoConfiguration} and
 * {@link ReasoningWebMvcAutoConfiguration}: one controller serves both stacks.
 */
class ReasoningWebAutoConfigurationTests {

	@Test
	void reactiveApplicationMapsTheControllerWithoutTheMvcAdvice() {
		// Without the servlet API on the class path at all (a filtered class loader
		// cannot
		// show it: the controller's class is loaded by the parent), see the sample app's
		// tests.
		new ReactiveWebApplicationContextRunner().withPropertyValues("hardening.reasoning.provider=simulated")
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
					InitAutoConfiguration.class, ReasoningAutoConfiguration.class,
					ReasoningStreamAutoConfiguration.class, ReasoningWebFluxAutoConfiguration.class))
			.withBean(ReactiveCircuitBreakerFactory.class, TestBreakers::factory)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ReasoningController.class);
				assertThat(context).doesNotHaveBean(ReasoningMvcAdvice.class);
				assertThat(context.getBean(RequestMappingHandlerMapping.class).getHandlerMethods().keySet())
					.anySatisfy((mapping) -> assertThat(mapping.getPatternsCondition().getPatterns().toString())
						.contains("/api/reasoning/query"));
			});
	}

	@Test
	void servletApplicationGetsTheSameControllerAndItsAdvice() {
		new WebApplicationContextRunner().withPropertyValues("hardening.reasoning.provider=simulated")
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
					InitAutoConfiguration.class, ReasoningAutoConfiguration.class,
					ReasoningStreamAutoConfiguration.class, ReasoningWebMvcAutoConfiguration.class))
			.withBean(ReactiveCircuitBreakerFactory.class, TestBreakers::factory)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ReasoningController.class)
				.hasSingleBean(ReasoningMvcAdvice.class)
				.hasBean("reasoningMvcWriteExecutor"));
	}

}
