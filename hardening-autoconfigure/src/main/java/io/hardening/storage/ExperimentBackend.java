package io.hardening.storage;

import java.net.URI;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A storage backend that can keep the original stored time of a record, so that a record
 * replayed from the spool keeps its place in listings.
 */
public interface ExperimentBackend extends ExperimentStorage {

	/**
	 * Stores a record with the given stored time, with the same rules as
	 * {@link #store(String, JsonNode, JsonNode)}.
	 * @param id the experiment id
	 * @param result the result object
	 * @param metadata the metadata object
	 * @param storedAt when the record was first stored
	 * @return where the result lives
	 */
	URI store(String id, JsonNode result, JsonNode metadata, Instant storedAt);

	/**
	 * Returns where the result of the given id lives (or will live), without I/O.
	 * @param id a valid experiment id
	 * @return the URI
	 */
	URI uriOf(String id);

}
