package io.hardening.storage.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import static io.hardening.support.PropertyChecks.positive;

/**
 * Google Cloud Storage settings: {@code hardening.storage.gcs.*}.
 */
public class GcsStorageProperties {

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]");

	/**
	 * Name of the bucket. GCS is used only when set.
	 */
	private String bucket;

	/**
	 * Google Cloud project id. Looked up from the environment when not set.
	 */
	private String projectId;

	/**
	 * Prefix of every object name, for example 'experiments/'. A trailing slash is added
	 * when missing.
	 */
	private String prefix = "";

	/**
	 * Base URL of a GCS emulator such as fake-gcs-server, for example
	 * 'http://127.0.0.1:4443'. When set, no Google credentials are needed or looked up.
	 */
	private String host;

	/**
	 * Location of a service account key file, for example 'file:/secrets/key.json'.
	 * Application Default Credentials when not set.
	 */
	private Resource credentialsLocation;

	/**
	 * How long the auto-mode check of the bucket may take at startup before the
	 * filesystem is used instead.
	 */
	private Duration startupTimeout = Duration.ofSeconds(5);

	/**
	 * Longest wait on GCS for one call, retries included, before a write goes to the
	 * spool.
	 */
	private Duration writeTimeout = Duration.ofSeconds(5);

	public String getBucket() {
		return this.bucket;
	}

	public void setBucket(String bucket) {
		String value = StringUtils.hasText(bucket) ? bucket.strip() : null;
		Assert.isTrue(value == null || BUCKET.matcher(value).matches(),
				() -> "hardening.storage.gcs.bucket must be a bucket name (lowercase letters, digits, '-', '_',"
						+ " '.'), got '" + bucket + "'");
		this.bucket = value;
	}

	public String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(String projectId) {
		this.projectId = StringUtils.hasText(projectId) ? projectId.strip() : null;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		String value = (prefix != null) ? prefix.strip() : "";
		Assert.isTrue(!value.contains("..") && !value.contains("\\"),
				() -> "hardening.storage.gcs.prefix must not contain '..' or '\\', got '" + prefix + "'");
		this.prefix = value;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		String value = StringUtils.hasText(host) ? host.strip() : null;
		if (value != null) {
			URI uri;
			try {
				uri = URI.create(value);
			}
			catch (IllegalArgumentException ex) {
				uri = null;
			}
			Assert.isTrue(
					uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
							&& uri.getHost() != null,
					() -> "hardening.storage.gcs.host must be an http(s) URL such as http://127.0.0.1:4443, got '"
							+ host + "'");
		}
		this.host = value;
	}

	public Resource getCredentialsLocation() {
		return this.credentialsLocation;
	}

	public void setCredentialsLocation(Resource credentialsLocation) {
		this.credentialsLocation = credentialsLocation;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = positive("hardening.storage.gcs.startup-timeout", startupTimeout);
	}

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = positive("hardening.storage.gcs.write-timeout", writeTimeout);
	}

}
