package io.hardening.probes;

import java.util.List;
import java.util.Map;

import io.hardening.reasoning.autoconfigure.ReasoningAutoConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application whose own health contributors leak secrets the way real ones do: a
 * driver's exception message with a URL password, a bearer token and an API key.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = ReasoningAutoConfiguration.class)
class SanitizedHealthTestApplication {

	static final String URL_PASSWORD = "jdbc:postgresql://app:s3cret@db:5432/x";

	static final String REDIS_PASSWORD = "redis://:s3cret@cache:6379";

	static final String BEARER = "Authorization: Bearer abc.def.ghi";

	static final String API_KEY = "AIzaSyA1234567890abcdefghijklmnopqrstuv";

	static final String FAILURE = "cannot reach " + URL_PASSWORD + " (" + BEARER + ", key " + API_KEY + ")";

	static final String SANITIZED_FAILURE = "cannot reach jdbc:postgresql://***@db:5432/x (Authorization: Bearer ***, key ***)";

	@Bean
	HealthIndicator databaseHealthIndicator() {
		return () -> Health.down(new IllegalStateException(FAILURE))
			.withDetail("url", URL_PASSWORD)
			.withDetail("pool", Map.of("active", 3, "replicas", List.of(REDIS_PASSWORD, "redis://cache-2:6379")))
			.build();
	}

	@Bean
	ReactiveHealthIndicator cacheHealthIndicator() {
		return () -> Mono.just(Health.down().withDetail("error", "NOAUTH for " + REDIS_PASSWORD).build());
	}

	@Bean
	CompositeHealthContributor modelsHealthContributor() {
		return CompositeHealthContributor.fromMap(Map.of("gemini",
				(HealthIndicator) () -> Health.down().withDetail("lastError", "403 for key=" + API_KEY).build()));
	}

}
