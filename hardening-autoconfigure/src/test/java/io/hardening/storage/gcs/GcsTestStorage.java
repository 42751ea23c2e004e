package io.hardening.storage.gcs;

import java.time.Duration;

import com.google.cloud.storage.Storage;

/**
 * Builds a GCS client for a loopback stand-in, the way the auto-configuration does.
 */
public final class GcsTestStorage {

	private GcsTestStorage() {
	}

	public static Storage client(String host) {
		return GcsClients.create(host, null, null, Duration.ofSeconds(2));
	}

	/**
	 * A guard with a 3 s time limit whose breakers stay open for a minute.
	 */
	public static GcsCallGuard guard() {
		return guard(Duration.ofSeconds(3));
	}

	public static GcsCallGuard guard(Duration timeout) {
		return GcsCallGuard.standalone(timeout, Duration.ofMinutes(1));
	}

}
