package io.hardening.init;

import io.hardening.reasoning.autoconfigure.ReasoningAutoConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with required components that fail until a test tells them otherwise
 * (one per test that makes a component READY, since READY is final) and an optional one
 * that always fails.
 */
@Configuration(proxyBeanMethods = false)
// The model client is another init component; these tests bring their own.
@EnableAutoConfiguration(exclude = ReasoningAutoConfiguration.class)
class InitTestApplication {

	static final String FAILURE = "connect to https://aiplatform.googleapis.com failed: "
			+ "Authorization: Bearer ya29.secret-token-value";

	@Bean
	TestComponent vertexAiComponent() {
		TestComponent component = new TestComponent("vertexAi", Integer.MAX_VALUE);
		component.failureMessage = FAILURE;
		return component;
	}

	@Bean
	TestComponent recoveringComponent() {
		return new TestComponent("recovering", Integer.MAX_VALUE);
	}

	@Bean
	TestComponent manualComponent() {
		return new TestComponent("manual", Integer.MAX_VALUE);
	}

	@Bean
	TestComponent concurrentComponent() {
		return new TestComponent("concurrent", Integer.MAX_VALUE);
	}

	@Bean
	TestComponent optionalCacheComponent() {
		return new TestComponent("optionalCache", Integer.MAX_VALUE, false);
	}

}
