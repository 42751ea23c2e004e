package io.hardening.storage;

/**
 * Thrown when a document is larger than {@code hardening.storage.max-document-size}.
 */
public class DocumentTooLargeException extends InvalidExperimentException {

	public DocumentTooLargeException(String message) {
		super("payload_too_large", message);
	}

}
