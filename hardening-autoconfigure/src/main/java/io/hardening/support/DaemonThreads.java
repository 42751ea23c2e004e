package io.hardening.support;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Thread factories for the init tracker's attempts and schedule (the storage's background
 * work runs on a scheduler built by Boot's builder instead). Their threads are daemons:
 * work that hangs on an unresponsive host must never keep the JVM from exiting.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * Returns a factory of daemon threads named {@code prefix1}, {@code prefix2}, ...
	 * @param prefix the name prefix, such as {@code hardening-init-}
	 * @return the factory
	 */
	public static ThreadFactory named(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

}
