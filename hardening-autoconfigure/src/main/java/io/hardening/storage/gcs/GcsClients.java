package io.hardening.storage.gcs;

import java.time.Duration;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;

/**
 * Builds the GCS client with a retry budget that fits a request path: a few quick retries
 * within the write timeout instead of the client's default of about 50 seconds.
 */
public final class GcsClients {

	/**
	 * Project id used with an emulator when none is configured, so that the client does
	 * not look one up.
	 */
	public static final String EMULATOR_PROJECT = "hardening-local";

	private GcsClients() {
	}

	/**
	 * Creates a client. Building it does no network I/O; with a {@code host} no
	 * credentials are looked up at all.
	 * @param host the emulator URL, or {@code null} for Google
	 * @param projectId the project id, or {@code null} to let the client find it
	 * @param credentials the credentials, or {@code null} for Application Default
	 * Credentials (ignored with a host)
	 * @param timeout the total budget of one call including retries
	 * @return the client
	 */
	public static Storage create(String host, String projectId, Credentials credentials, Duration timeout) {
		StorageOptions.Builder builder = StorageOptions.http()
			.setRetrySettings(retrySettings(timeout))
			.setTransportOptions(HttpTransportOptions.newBuilder()
				.setConnectTimeout(millis(timeout))
				.setReadTimeout(millis(timeout))
				.build());
		if (host != null) {
			builder.setHost(host)
				.setCredentials(NoCredentials.getInstance())
				.setProjectId((projectId != null) ? projectId : EMULATOR_PROJECT);
		}
		else {
			if (projectId != null) {
				builder.setProjectId(projectId);
			}
			if (credentials != null) {
				builder.setCredentials(credentials);
			}
		}
		return builder.build().getService();
	}

	static RetrySettings retrySettings(Duration timeout) {
		return StorageOptions.getDefaultRetrySettings()
			.toBuilder()
			.setMaxAttempts(3)
			.setInitialRetryDelayDuration(Duration.ofMillis(100))
			.setRetryDelayMultiplier(2.0)
			.setMaxRetryDelayDuration(Duration.ofSeconds(1))
			.setInitialRpcTimeoutDuration(timeout)
			.setMaxRpcTimeoutDuration(timeout)
			.setTotalTimeoutDuration(timeout)
			.build();
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
	}

}
