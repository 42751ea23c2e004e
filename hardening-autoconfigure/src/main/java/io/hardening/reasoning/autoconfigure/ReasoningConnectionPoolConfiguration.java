package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.gemini.GeminiConnectionPool;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Gemini clients' own connection pool, two connections for each stream that
 * {@code hardening.reasoning.max-concurrent-streams} admits.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
class ReasoningConnectionPoolConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GeminiConnectionPool reasoningConnectionPool(ReasoningProperties properties) {
		return new GeminiConnectionPool(properties.getMaxConcurrentStreams() * 2);
	}

}
