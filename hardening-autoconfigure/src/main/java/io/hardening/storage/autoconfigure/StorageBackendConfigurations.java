package io.hardening.storage.autoconfigure;

import io.hardening.autoconfigure.InvalidHardeningPropertyException;
import io.hardening.init.InitTracker;
import io.hardening.storage.AutoSelectingExperimentStorage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.StorageOperationListener;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.GcsBucketInitComponent;
import io.hardening.storage.gcs.ReplayRound;
import io.hardening.storage.gcs.SpoolReplayScheduler;
import io.hardening.storage.gcs.SpoolingExperimentStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * One configuration per {@code hardening.storage.mode}, like Boot's DataSource
 * configurations: the one that matches builds the storage and registers its background
 * work with the objects it built, and a user's {@link ExperimentStorage} bean turns all
 * of them off. {@code /actuator/conditions} shows which one matched.
 */
abstract class StorageBackendConfigurations {

	static final String NO_BUCKET = "hardening.storage.gcs.bucket is not set";

	static final String NO_CLIENT = "google-cloud-storage is not on the classpath";

	private StorageBackendConfigurations() {
	}

	static ExperimentStorage observed(ExperimentStorage storage, ObjectProvider<StorageOperationListener> listeners) {
		return new ObservedExperimentStorage(storage, listeners.orderedStream().toList());
	}

	static String missing(StorageProperties properties) {
		return (properties.getGcs().getBucket() == null) ? NO_BUCKET : NO_CLIENT;
	}

	/**
	 * GCS required: the {@code storage} init component owns readiness.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ExperimentStorage.class)
	@ConditionalOnProperty(name = "hardening.storage.mode", havingValue = "gcs")
	static class Gcs {

		@Bean
		ExperimentStorage experimentStorage(ObjectProvider<GcsBackend> gcs, StorageProperties properties,
				ObjectProvider<StorageOperationListener> listeners) {
			return observed(gcs(gcs, properties), listeners);
		}

		@Bean
		@ConditionalOnMissingBean(name = "storageInitComponent")
		GcsBucketInitComponent storageInitComponent(ObjectProvider<GcsBackend> gcs, StorageProperties properties) {
			return new GcsBucketInitComponent(gcs(gcs, properties));
		}

		@Bean
		@ConditionalOnMissingBean
		SpoolReplayScheduler storageReplayScheduler(ObjectProvider<GcsBackend> gcs, StorageProperties properties,
				ObjectProvider<InitTracker> tracker, ObjectProvider<GcsBucketInitComponent> storageInitComponent) {
			SpoolingExperimentStorage storage = gcs(gcs, properties);
			// GCS answered a replay round: the init component, which alone owns
			// readiness, checks now instead of at its next backoff. The replay round
			// itself never marks the storage ready.
			return new SpoolReplayScheduler(storage::replayRound, properties.getReplayInterval(), () -> {
			}, () -> askOwnerToCheck(tracker, storageInitComponent));
		}

		private static void askOwnerToCheck(ObjectProvider<InitTracker> tracker,
				ObjectProvider<GcsBucketInitComponent> component) {
			InitTracker available = tracker.getIfAvailable();
			if (available != null) {
				if (!available.isReady(GcsBucketInitComponent.NAME)) {
					available.retryNow(GcsBucketInitComponent.NAME);
				}
				return;
			}
			// Init tracking is switched off: the component's own check still decides.
			component.ifAvailable(GcsBucketInitComponent::initialize);
		}

		private static SpoolingExperimentStorage gcs(ObjectProvider<GcsBackend> gcs, StorageProperties properties) {
			GcsBackend backend = gcs.getIfAvailable();
			if (backend == null) {
				boolean noBucket = properties.getGcs().getBucket() == null;
				throw new InvalidHardeningPropertyException("hardening.storage.mode", "gcs",
						"needs hardening.storage.gcs.bucket set and google-cloud-storage on the classpath ("
								+ missing(properties) + ")",
						noBucket ? "Set hardening.storage.gcs.bucket, or set hardening.storage.mode to auto or filesystem."
								: "Add com.google.cloud:google-cloud-storage to the application, or set "
										+ "hardening.storage.mode to auto or filesystem.",
						"hardening.storage.gcs.bucket");
			}
			return backend.storage();
		}

	}

	/**
	 * GCS when it answers at startup, else the filesystem.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ExperimentStorage.class)
	@ConditionalOnProperty(name = "hardening.storage.mode", havingValue = "auto", matchIfMissing = true)
	static class Auto {

		@Bean
		AutoSelectingBackend storageAutoSelectingBackend(StorageProperties properties, JsonDocuments documents,
				ObjectProvider<GcsBackend> gcs) {
			GcsBackend backend = gcs.getIfAvailable();
			return new AutoSelectingBackend(
					new AutoSelectingExperimentStorage((backend != null) ? backend::storage : null,
							new FilesystemExperimentStorage(properties.getFilesystem().getPath(), documents),
							missing(properties), properties.getGcs().getStartupTimeout()));
		}

		@Bean
		ExperimentStorage experimentStorage(AutoSelectingBackend storageAutoSelectingBackend,
				ObjectProvider<StorageOperationListener> listeners) {
			return observed(storageAutoSelectingBackend.storage(), listeners);
		}

		@Bean
		@ConditionalOnMissingBean
		SpoolReplayScheduler storageReplayScheduler(AutoSelectingBackend storageAutoSelectingBackend,
				StorageProperties properties) {
			AutoSelectingExperimentStorage storage = storageAutoSelectingBackend.storage();
			return new SpoolReplayScheduler(storage::replayRound, properties.getReplayInterval(), storage::decide,
					() -> {
					});
		}

	}

	/**
	 * The filesystem only: no GCS bean is used. The background work is a check, while
	 * writes fail, that finds out when they would succeed again.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ExperimentStorage.class)
	@ConditionalOnProperty(name = "hardening.storage.mode", havingValue = "filesystem")
	static class Filesystem {

		@Bean
		FilesystemBackend storageFilesystemBackend(StorageProperties properties, JsonDocuments documents) {
			return new FilesystemBackend(
					new FilesystemExperimentStorage(properties.getFilesystem().getPath(), documents));
		}

		@Bean
		ExperimentStorage experimentStorage(FilesystemBackend storageFilesystemBackend,
				ObjectProvider<StorageOperationListener> listeners) {
			return observed(storageFilesystemBackend.storage(), listeners);
		}

		@Bean
		@ConditionalOnMissingBean
		SpoolReplayScheduler storageReplayScheduler(FilesystemBackend storageFilesystemBackend,
				StorageProperties properties) {
			FilesystemExperimentStorage storage = storageFilesystemBackend.storage();
			return new SpoolReplayScheduler(() -> {
				storage.checkWritable();
				return ReplayRound.IDLE;
			}, properties.getReplayInterval(), () -> {
			}, () -> {
			});
		}

	}

	/**
	 * A mode none of the configurations above serves: start-up ends with a report that
	 * names the property and its values.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ExperimentStorage.class)
	@Conditional(OnUnknownStorageModeCondition.class)
	static class UnknownMode {

		@Bean
		ExperimentStorage experimentStorage(Environment environment) {
			throw new InvalidHardeningPropertyException("hardening.storage.mode",
					environment.getProperty("hardening.storage.mode"), "is not a storage mode",
					"Set hardening.storage.mode to auto (the default), gcs or filesystem.");
		}

	}

}
