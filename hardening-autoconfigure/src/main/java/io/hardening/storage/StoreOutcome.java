package io.hardening.storage;

import java.net.URI;

/**
 * Where a stored record lives, and whether it is there yet.
 *
 * @param uri where the result lives or will live once replayed
 * @param spooled whether the record waits in the local spool for GCS
 */
public record StoreOutcome(URI uri, boolean spooled) {

}
