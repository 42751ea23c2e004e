package io.hardening.storage;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Stores experiment results and run records, each a pair of JSON objects (result and
 * metadata) under an id, on Google Cloud Storage or the local filesystem.
 * <p>
 * Every method is blocking: reactive callers use {@link ReactiveExperimentStorage}.
 */
public interface ExperimentStorage {

	/**
	 * Stores a record. Storing the same id again with identical content succeeds and
	 * changes nothing; different content is a conflict and nothing is overwritten.
	 * @param id the experiment id, see {@link ExperimentIds}
	 * @param result the result, a JSON object
	 * @param metadata the metadata, a JSON object
	 * @return where the result lives ({@code gs://...} or {@code file:///...})
	 * @throws InvalidExperimentException when the id or a document is not acceptable
	 * @throws ExperimentConflictException when the id holds different content
	 * @throws StorageUnavailableException when the record could not be stored anywhere
	 */
	URI store(String id, JsonNode result, JsonNode metadata);

	/**
	 * Stores a record like {@link #store(String, JsonNode, JsonNode)} and says whether it
	 * went to the local spool instead of its backend.
	 * @param id the experiment id
	 * @param result the result, a JSON object
	 * @param metadata the metadata, a JSON object
	 * @return where the result lives, and whether it is spooled
	 */
	default StoreOutcome storeRecord(String id, JsonNode result, JsonNode metadata) {
		return new StoreOutcome(store(id, result, metadata), false);
	}

	/**
	 * Returns one record.
	 * @param id the experiment id
	 * @return the record, or empty when there is none
	 */
	Optional<StoredExperiment> get(String id);

	/**
	 * Returns a page of records, newest first by stored time.
	 * @param limit the largest number of records to return, at least 1
	 * @param offset how many of the newest records to skip, at least 0
	 * @return the records
	 */
	List<StoredExperiment> list(int limit, int offset);

	/**
	 * Returns a page like {@link #list(int, int)} and says whether the backend could be
	 * listed: a page that could not reach it is partial, never silently short.
	 * @param limit the largest number of records to return, at least 1
	 * @param offset how many of the newest records to skip, at least 0
	 * @return the page
	 */
	default ExperimentPage listPage(int limit, int offset) {
		return new ExperimentPage(list(limit, offset), null);
	}

	/**
	 * Deletes a record.
	 * @param id the experiment id
	 * @return whether there was a record to delete
	 */
	boolean delete(String id);

	/**
	 * Returns the state of the storage as background work last saw it. Never does I/O.
	 * @return the status
	 */
	default StorageStatus status() {
		return StorageStatus.custom(getClass().getSimpleName());
	}

}
