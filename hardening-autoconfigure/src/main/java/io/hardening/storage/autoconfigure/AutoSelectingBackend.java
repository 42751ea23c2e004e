package io.hardening.storage.autoconfigure;

import io.hardening.storage.AutoSelectingExperimentStorage;

/**
 * Holds the auto-mode storage without being an
 * {@link io.hardening.storage.ExperimentStorage} bean itself, so that the
 * {@code experimentStorage} bean and the replay scheduler share it.
 */
final class AutoSelectingBackend {

	private final AutoSelectingExperimentStorage storage;

	AutoSelectingBackend(AutoSelectingExperimentStorage storage) {
		this.storage = storage;
	}

	AutoSelectingExperimentStorage storage() {
		return this.storage;
	}

}
