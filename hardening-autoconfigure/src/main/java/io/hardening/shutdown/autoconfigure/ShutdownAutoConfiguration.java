package io.hardening.shutdown.autoconfigure;

import io.hardening.shutdown.ShutdownDrain;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the drain before shutdown
 * ({@code hardening.shutdown.drain-delay}).
 */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ShutdownProperties.class)
public final class ShutdownAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShutdownDrain shutdownDrain(ShutdownProperties properties) {
		return new ShutdownDrain(properties.getDrainDelay());
	}

}
