package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.probes.ReadinessMember;
import io.hardening.storage.AutoSelectingExperimentStorage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.StorageOperationListener;
import io.hardening.storage.StorageReplayScheduler;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for experiment storage: GCS, the filesystem, or GCS with a
 * filesystem fallback, as {@code hardening.storage.mode} says.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBooleanProperty(name = "hardening.storage.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StorageProperties.class)
@Import({ GcsStorageConfiguration.class, ReactiveStorageConfiguration.class })
public final class StorageAutoConfiguration {

	static final String NO_BUCKET = "hardening.storage.gcs.bucket is not set";

	static final String NO_CLIENT = "google-cloud-storage is not on the classpath";

	@Bean
	@ConditionalOnMissingBean
	JsonDocuments storageJsonDocuments(ObjectProvider<JsonMapper> jsonMapper, StorageProperties properties) {
		// The application's mapper; Jackson's shared default only where Boot made none.
		return new JsonDocuments(jsonMapper.getIfAvailable(JsonMapper::shared), properties.getMaxDocumentSize());
	}

	@Bean
	@ConditionalOnMissingBean
	ExperimentStorage experimentStorage(StorageProperties properties, JsonDocuments documents,
			ObjectProvider<GcsBackend> gcs, ObjectProvider<StorageOperationListener> listeners) {
		return new ObservedExperimentStorage(backend(properties, documents, gcs), listeners.orderedStream().toList());
	}

	private ExperimentStorage backend(StorageProperties properties, JsonDocuments documents,
			ObjectProvider<GcsBackend> gcs) {
		Path path = properties.getFilesystem().getPath();
		return switch (properties.getMode()) {
			case FILESYSTEM -> new FilesystemExperimentStorage(path, documents);
			case GCS -> {
				GcsBackend backend = gcs.getIfAvailable();
				if (backend == null) {
					throw new IllegalStateException("hardening.storage.mode=gcs needs hardening.storage.gcs.bucket set "
							+ "and google-cloud-storage on the classpath (" + missing(properties) + ")");
				}
				yield backend.storage();
			}
			case AUTO -> {
				GcsBackend backend = gcs.getIfAvailable();
				yield new AutoSelectingExperimentStorage((backend != null) ? backend::storage : null,
						new FilesystemExperimentStorage(path, documents), missing(properties),
						properties.getGcs().getStartupTimeout());
			}
		};
	}

	private static String missing(StorageProperties properties) {
		if (properties.getGcs().getBucket() == null) {
			return NO_BUCKET;
		}
		return NO_CLIENT;
	}

	@Bean
	@ConditionalOnMissingBean
	StorageReplayScheduler storageReplayScheduler(ExperimentStorage experimentStorage, StorageProperties properties) {
		ExperimentStorage storage = (experimentStorage instanceof ObservedExperimentStorage observed)
				? observed.getDelegate() : experimentStorage;
		return new StorageReplayScheduler(storage, properties.getReplayInterval());
	}

	@Bean
	@ConditionalOnMissingBean(name = "storageReadinessMember")
	ReadinessMember storageReadinessMember() {
		return ReadinessMember.include("storage");
	}

}
