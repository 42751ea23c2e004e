package io.hardening.init.autoconfigure;

import java.time.Clock;

import io.hardening.init.InitAttemptListener;
import io.hardening.init.InitComponent;
import io.hardening.init.InitRetryPolicy;
import io.hardening.init.InitTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for tracked initialization of {@link InitComponent} beans.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "hardening.init.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InitProperties.class)
public final class InitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InitTracker initTracker(InitProperties properties, ObjectProvider<InitComponent> components,
			ObjectProvider<InitAttemptListener> listeners) {
		InitProperties.Retry retry = properties.getRetry();
		Assert.isTrue(retry.getMaxInterval().compareTo(retry.getInitialInterval()) >= 0,
				"hardening.init.retry.max-interval must not be below hardening.init.retry.initial-interval");
		InitRetryPolicy policy = new InitRetryPolicy(retry.getInitialInterval(), retry.getMultiplier(),
				retry.getMaxInterval(), retry.getMaxAttempts(), retry.getJitter());
		return new InitTracker(components.orderedStream().toList(), policy, properties.getAttemptTimeout(),
				Clock.systemUTC(), listeners.orderedStream().toList());
	}

}
