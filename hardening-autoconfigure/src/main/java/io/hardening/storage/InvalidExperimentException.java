package io.hardening.storage;

/**
 * Thrown when an id or a document is not acceptable; nothing was read or written.
 */
public class InvalidExperimentException extends StorageException {

	public InvalidExperimentException(String code, String message) {
		super(code, message);
	}

}
