package io.hardening.shutdown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Keeps serving for a while after readiness turned to refusing traffic, before anything
 * else stops: load balancers that poll readiness take the instance out meanwhile, and
 * requests they still send are served. Stops first of all lifecycle beans.
 */
public class ShutdownDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ShutdownDrain.class);

	private final Duration delay;

	private volatile boolean running;

	/**
	 * Creates the drain.
	 * @param delay how long to keep serving
	 */
	public ShutdownDrain(Duration delay) {
		this.delay = delay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.running && !this.delay.isZero()) {
			logger.info(LogMessage.format("Draining for %d ms before stopping (hardening.shutdown.drain-delay)",
					this.delay.toMillis()));
			long end = System.nanoTime() + this.delay.toNanos();
			for (long left = this.delay.toNanos(); left > 0; left = end - System.nanoTime()) {
				LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
