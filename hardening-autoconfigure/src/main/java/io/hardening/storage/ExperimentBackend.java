package io.hardening.storage;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A storage backend (GCS or the filesystem): stores a record with a given stored time, so
 * that a record replayed from the spool keeps its place in listings, and lists references
 * before reading records, so that a page reads only its own records.
 */
public interface ExperimentBackend extends ExperimentStorage {

	/**
	 * Stores a record with the given stored time, with the same rules as
	 * {@link #store(String, JsonNode, JsonNode)}.
	 * @param id the experiment id
	 * @param result the result object
	 * @param metadata the metadata object
	 * @param storedAt when the record was first stored
	 * @return where the record lives
	 */
	URI store(String id, JsonNode result, JsonNode metadata, Instant storedAt);

	/**
	 * Returns where a new record of the given id lives (or will live), without I/O.
	 * @param id a valid experiment id
	 * @return the URI
	 */
	URI uriOf(String id);

	/**
	 * Returns references to the newest records, without reading them.
	 * @param count how many at most
	 * @return the references, newest first by stored time, then by id
	 */
	List<RecordRef> newest(int count);

	/**
	 * Reads the records some references name.
	 * @param refs the references
	 * @return the records in the order of their references, without those that are gone
	 */
	List<StoredExperiment> read(List<RecordRef> refs);

	@Override
	default List<StoredExperiment> list(int limit, int offset) {
		ExperimentIds.validatePaging(limit, offset);
		return RecordPages.page(this::newest, this::read, limit, offset);
	}

}
