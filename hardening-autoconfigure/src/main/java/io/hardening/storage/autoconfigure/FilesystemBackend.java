package io.hardening.storage.autoconfigure;

import io.hardening.storage.filesystem.FilesystemExperimentStorage;

/**
 * Holds the filesystem storage of filesystem mode without being an
 * {@link io.hardening.storage.ExperimentStorage} bean itself, so that the
 * {@code experimentStorage} bean and the writability check share it.
 */
final class FilesystemBackend {

	private final FilesystemExperimentStorage storage;

	FilesystemBackend(FilesystemExperimentStorage storage) {
		this.storage = storage;
	}

	FilesystemExperimentStorage storage() {
		return this.storage;
	}

}
