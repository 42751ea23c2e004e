package io.hardening.storage;

import java.util.List;

/**
 * A page of records, and why it may be missing some.
 *
 * @param experiments the records, newest first
 * @param partialReason why records of the backend could not be listed (the page shows
 * only what could be read, such as the spool), or {@code null} when the page is complete
 */
public record ExperimentPage(List<StoredExperiment> experiments, String partialReason) {

	/**
	 * Whether the page may be missing records.
	 * @return whether it is partial
	 */
	public boolean partial() {
		return this.partialReason != null;
	}

}
