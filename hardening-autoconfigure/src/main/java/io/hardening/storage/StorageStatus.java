package io.hardening.storage;

/**
 * State of the storage as background work last saw it, read by health and metrics.
 *
 * @param backend {@code gcs}, {@code filesystem}, {@code deciding} (auto mode before the
 * startup decision) or the class name of a user's storage
 * @param location the bucket (gcs) or the absolute path (filesystem)
 * @param fallbackReason why auto mode serves from the filesystem, or {@code null}
 * @param pendingReplay how many records wait in the spool for GCS
 * @param lastError the last failure, sanitized, or {@code null}
 * @param ready whether a write can succeed now: false in gcs mode until the bucket has
 * answered once, and after a write that failed everywhere until one would succeed again
 * @param fallbackActive whether records go to the filesystem instead of GCS: auto mode
 * fell back, or GCS writes go to the spool
 * @param permanentErrors how many calls GCS refused with a permanent error (a 4xx other
 * than 408 and 429) since the application started
 */
public record StorageStatus(String backend, String location, String fallbackReason, int pendingReplay, String lastError,
		boolean ready, boolean fallbackActive, long permanentErrors) {

	/**
	 * Creates a status without permanent errors.
	 * @param backend the backend
	 * @param location the bucket or path
	 * @param fallbackReason why auto mode serves from the filesystem
	 * @param pendingReplay records waiting in the spool
	 * @param lastError the last failure
	 * @param ready whether the storage serves as configured
	 * @param fallbackActive whether records go to the filesystem instead of GCS
	 */
	public StorageStatus(String backend, String location, String fallbackReason, int pendingReplay, String lastError,
			boolean ready, boolean fallbackActive) {
		this(backend, location, fallbackReason, pendingReplay, lastError, ready, fallbackActive, 0);
	}

	/**
	 * Backend name of Google Cloud Storage.
	 */
	public static final String GCS = "gcs";

	/**
	 * Backend name of the filesystem.
	 */
	public static final String FILESYSTEM = "filesystem";

	/**
	 * Backend name while auto mode has not decided yet.
	 */
	public static final String DECIDING = "deciding";

	static StorageStatus custom(String name) {
		return new StorageStatus(name, null, null, 0, null, true, false);
	}

	/**
	 * Returns the same status with a fallback reason.
	 * @param reason the reason
	 * @return the status
	 */
	public StorageStatus withFallbackReason(String reason) {
		return new StorageStatus(this.backend, this.location, reason, this.pendingReplay, this.lastError, this.ready,
				true, this.permanentErrors);
	}

}
