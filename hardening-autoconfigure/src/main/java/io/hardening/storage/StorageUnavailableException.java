package io.hardening.storage;

/**
 * Thrown when a backend could not be reached or failed to read or write.
 */
public class StorageUnavailableException extends StorageException {

	public StorageUnavailableException(String message, Throwable cause) {
		super("storage_unavailable", message, cause);
	}

}
