package io.hardening.storage.autoconfigure;

import io.hardening.storage.gcs.SpoolingExperimentStorage;

/**
 * Holds the GCS storage without being an {@link io.hardening.storage.ExperimentStorage}
 * bean itself, so that the {@code experimentStorage} bean decides how it is used
 * (directly in gcs mode, after the startup decision in auto mode).
 */
final class GcsBackend {

	private final SpoolingExperimentStorage storage;

	GcsBackend(SpoolingExperimentStorage storage) {
		this.storage = storage;
	}

	SpoolingExperimentStorage storage() {
		return this.storage;
	}

}
