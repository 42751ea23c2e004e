package io.hardening.resilience;

import io.hardening.reasoning.autoconfigure.ReasoningAutoConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * An application with what the starter's users get: Spring Cloud CircuitBreaker with
 * Resilience4j, Actuator, Prometheus and the starter's auto-configurations and defaults.
 */
@Configuration(proxyBeanMethods = false)
// The model client is an init component; these tests call the breakers themselves.
@EnableAutoConfiguration(exclude = ReasoningAutoConfiguration.class)
class ResilienceTestApplication {

}
