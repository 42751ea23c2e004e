package io.hardening.init.autoconfigure;

import java.time.Clock;
import java.time.Duration;

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
			// Either may be the one to change: the report blames the one set last.
			throw InvalidHardeningPropertyException.conflict("hardening.init.retry.max-interval",
					print(retry.getMaxInterval()), "hardening.init.retry.initial-interval",
					print(retry.getInitialInterval()),
					"hardening.init.retry.max-interval must not be below hardening.init.retry.initial-interval",
					"Lower hardening.init.retry.initial-interval to at most hardening.init.retry.max-interval, "
							+ "or raise hardening.init.retry.max-interval.");
		}
		return new InitTracker(components.orderedStream().toList(), backOff(retry), properties.getAttemptTimeout(),
				Clock.systemUTC(), listeners.orderedStream().toList());
	}

	// 5m, 10s or 1500ms, as a user writes it.
	private static String print(Duration duration) {
		if (duration.toMillis() % 60_000 == 0) {
			return duration.toMinutes() + "m";
		}
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
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
