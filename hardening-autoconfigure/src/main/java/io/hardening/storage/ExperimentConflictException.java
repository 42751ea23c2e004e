package io.hardening.storage;

/**
 * Thrown when an id already holds different content; nothing was overwritten.
 */
public class ExperimentConflictException extends StorageException {

	public ExperimentConflictException(String id) {
		super("conflict", "experiment '" + id + "' already exists with different content");
	}

}
