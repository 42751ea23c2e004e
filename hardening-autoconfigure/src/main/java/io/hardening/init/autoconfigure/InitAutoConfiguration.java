package io.hardening.init.autoconfigure;

import java.time.Clock;

import io.hardening.autoconfigure.InvalidHardeningPropertyException;
import io.hardening.init.InitAttemptListener;
import io.hardening.init.InitComponent;
import io.hardening.init.InitTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

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
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw new InvalidHardeningPropertyException("hardening.init.retry.max-interval",
					retry.getMaxInterval().toMillis() + "ms",
					"must not be below hardening.init.retry.initial-interval (" + retry.getInitialInterval().toMillis()
							+ "ms)",
					"Raise hardening.init.retry.max-interval to at least hardening.init.retry.initial-interval, "
							+ "or lower hardening.init.retry.initial-interval.",
					"hardening.init.retry.initial-interval");
		}
		return new InitTracker(components.orderedStream().toList(), backOff(retry), properties.getAttemptTimeout(),
				Clock.systemUTC(), listeners.orderedStream().toList());
	}

	static BackOff backOff(InitProperties.Retry retry) {
		long initial = retry.getInitialInterval().toMillis();
		ExponentialBackOff backOff = new ExponentialBackOff(initial, retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		// Spring's jitter is in milliseconds at the initial interval and grows with the
		// interval: the same fraction of every delay.
		backOff.setJitter(Math.round(initial * retry.getJitter()));
		if (retry.getMaxAttempts() > 0) {
			// max-attempts counts every automatic attempt; Spring counts the retries.
			backOff.setMaxAttempts(retry.getMaxAttempts() - 1);
		}
		return backOff;
	}

}
