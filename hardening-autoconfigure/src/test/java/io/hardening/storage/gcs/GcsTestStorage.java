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

}
