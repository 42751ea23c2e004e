package io.hardening.storage;

/**
 * Thrown when the backend refused a call for a reason that retrying will not fix (GCS
 * answered a 4xx other than 408 or 429: a missing permission, a bad request). It is not
 * an outage: the circuit breaker does not count it, and spooled records wait longer
 * before they are tried again.
 */
public class PermanentStorageException extends StorageUnavailableException {

	public PermanentStorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
