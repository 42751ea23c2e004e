package io.hardening.storage;

import java.time.Duration;

/**
 * Told about every storage operation; the metrics adapter implements it so that the
 * storage itself knows nothing of Micrometer.
 */
@FunctionalInterface
public interface StorageOperationListener {

	/**
	 * Called after an operation.
	 * @param backend the backend that served ({@code gcs} or {@code filesystem})
	 * @param operation {@code store}, {@code get}, {@code list} or {@code delete}
	 * @param outcome {@code success}, {@code not_found}, {@code conflict},
	 * {@code invalid} or {@code error}
	 * @param duration how long it took
	 */
	void onOperation(String backend, String operation, String outcome, Duration duration);

}
