package io.hardening.storage;

import java.net.URI;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A stored experiment: its id, result and metadata documents, where the result lives and
 * when it was first stored.
 *
 * @param id the experiment id
 * @param result the result document
 * @param metadata the metadata document
 * @param uri where the result lives
 * @param storedAt when the record was first stored
 */
public record StoredExperiment(String id, JsonNode result, JsonNode metadata, URI uri, Instant storedAt) {

	/**
	 * Returns the same record with another URI.
	 * @param uri the URI
	 * @return the record
	 */
	public StoredExperiment withUri(URI uri) {
		return new StoredExperiment(this.id, this.result, this.metadata, uri, this.storedAt);
	}

	/**
	 * Whether this record holds the same documents as the given ones.
	 * @param result the other result
	 * @param metadata the other metadata
	 * @return whether both documents are equal as JSON values, numbers compared as
	 * numbers ({@link JsonDocuments#sameDocument})
	 */
	public boolean sameContent(JsonNode result, JsonNode metadata) {
		return JsonDocuments.sameDocument(this.result, result) && JsonDocuments.sameDocument(this.metadata, metadata);
	}

}
