package io.hardening.init.autoconfigure;

import java.time.Duration;

import io.hardening.init.InitTracker;
import io.hardening.init.actuate.InitEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code init} Actuator endpoint.
 */
@AutoConfiguration(after = InitAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(InitTracker.class)
@ConditionalOnAvailableEndpoint(InitEndpoint.class)
public final class InitEndpointAutoConfiguration {

	// A retry request waits for the attempt, which the tracker cuts off at the timeout.
	private static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

	@Bean
	@ConditionalOnMissingBean
	InitEndpoint initEndpoint(InitTracker tracker, InitProperties properties) {
		return new InitEndpoint(tracker, properties.getAttemptTimeout().plus(WAIT_MARGIN));
	}

}
