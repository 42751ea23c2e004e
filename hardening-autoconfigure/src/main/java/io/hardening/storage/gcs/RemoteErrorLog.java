package io.hardening.storage.gcs;

import io.hardening.storage.StorageUnavailableException;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last GCS failure the spooling storage saw, sanitized for health, and the one WARN
 * per outage (not one per request).
 */
final class RemoteErrorLog {

	private static final Log logger = LogFactory.getLog(SpoolingExperimentStorage.class);

	private volatile boolean outage;

	private volatile String lastError;

	String lastError() {
		return this.lastError;
	}

	void answered() {
		this.outage = false;
		this.lastError = null;
	}

	void failed(String what, StorageUnavailableException ex) {
		boolean wasFailing = this.outage;
		this.outage = true;
		this.lastError = Sanitizer.sanitize(what + ": " + Sanitizer.describe(ex), 500);
		if (!wasFailing) {
			logger.warn(this.lastError);
		}
	}

	/**
	 * Remembers a failed bucket check, which logs nothing: the caller decides what it
	 * means (auto mode falls back and says so once).
	 */
	StorageUnavailableException checkFailed(RuntimeException ex) {
		this.lastError = Sanitizer.sanitize("GCS check failed: " + Sanitizer.describe(ex), 500);
		return (ex instanceof StorageUnavailableException unavailable) ? unavailable
				: new StorageUnavailableException(this.lastError, ex);
	}

	/**
	 * Remembers an error and logs it at ERROR when asked to (once per record, by the
	 * caller).
	 */
	void error(String message, boolean log) {
		this.lastError = Sanitizer.sanitize(message, 500);
		if (log) {
			logger.error(this.lastError);
		}
	}

}
