package io.hardening.storage;

/**
 * Base class of the storage failures, each with a stable code for error responses.
 */
public class StorageException extends RuntimeException {

	private final String code;

	public StorageException(String code, String message) {
		super(message);
		this.code = code;
	}

	public StorageException(String code, String message, Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	/**
	 * Returns the machine-readable code, for example {@code invalid_id}.
	 * @return the code
	 */
	public String getCode() {
		return this.code;
	}

}
