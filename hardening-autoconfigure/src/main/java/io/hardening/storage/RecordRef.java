package io.hardening.storage;

import java.time.Instant;

/**
 * Names a stored record by its id and stored time, as a listing sees it before reading
 * the record itself.
 *
 * @param id the experiment id
 * @param storedAt when the record was first stored
 */
public record RecordRef(String id, Instant storedAt) {

}
