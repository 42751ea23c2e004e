package io.hardening.shutdown.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of graceful shutdown.
 */
@ConfigurationProperties("hardening.shutdown")
public class ShutdownProperties {

	/**
	 * How long to keep serving after readiness turned to refusing traffic, before open
	 * streams are ended and the web server stops; for load balancers that poll readiness.
	 */
	private Duration drainDelay = Duration.ZERO;

	public Duration getDrainDelay() {
		return this.drainDelay;
	}

	public void setDrainDelay(Duration drainDelay) {
		Assert.isTrue(drainDelay != null && !drainDelay.isNegative(),
				() -> "hardening.shutdown.drain-delay must be zero or a positive duration, got " + drainDelay);
		this.drainDelay = drainDelay;
	}

}
