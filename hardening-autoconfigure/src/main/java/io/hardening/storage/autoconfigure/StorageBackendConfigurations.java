package io.hardening.storage.autoconfigure;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import com.google.cloud.storage.Storage;
import io.hardening.autoconfigure.InvalidHardeningPropertyException;
import io.hardening.init.InitTracker;
import io.hardening.storage.AutoSelectingExperimentStorage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.StorageBackgroundWork;
import io.hardening.storage.StorageOperationListener;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.GcsBucketInitComponent;
import io.hardening.storage.gcs.ReplayRound;
import io.hardening.storage.gcs.GcsCallGuard;
import io.hardening.storage.gcs.SpoolingExperimentStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One configuration per {@code hardening.storage.mode}, like Boot's DataSource
 * configurations: the one that matches builds the storage inside its
 * {@link StorageBackgroundWork} bean, which carries it to the {@code experimentStorage}
 * bean and runs its background work on a scheduler built by Boot's
 * {@link ThreadPoolTaskSchedulerBuilder}. A user's {@link ExperimentStorage} bean turns
 * all of them off, background work included. {@code /actuator/conditions} shows which one
 * matched, and for gcs and auto mode whether the GCS storage could be built.
 */
abstract class StorageBackendConfigurations {

	static final String NO_BUCKET = "hardening.storage.gcs.bucket is not set";

	static final String NO_CLIENT = "google-cloud-storage is not on the classpath";

	private StorageBackendConfigurations() {
	}

	static ExperimentStorage observed(ExperimentStorage storage, ObjectProvider<StorageOperationListener> listeners) {
		return new ObservedExperimentStorage(storage, listeners.orderedStream().toList());
	}

	/**
	 * The storage's own scheduler, built by Boot's builder (configured by
	 * {@code spring.task.scheduling.*}) or, where the application has no task scheduling
	 * auto-configuration, by a builder with Boot's defaults.
	 */
	static ThreadPoolTaskScheduler scheduler(ObjectProvider<ThreadPoolTaskSchedulerBuilder> builder) {
		return StorageBackgroundWork.newScheduler(builder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new));
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

		@Configuration(proxyBeanMethods = false)
		@Conditional(OnGcsUsableCondition.class)
		static class Usable {

			@Bean
			StorageBackgroundWork<SpoolingExperimentStorage> storageBackgroundWork(StorageProperties properties,
					JsonDocuments documents, ObjectProvider<Storage> storage, GcsCallGuard storageGcsCallGuard,
					@Qualifier("applicationTaskExecutor") ObjectProvider<Executor> applicationTaskExecutor,
					ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder,
					ObjectProvider<InitTracker> tracker, ObjectProvider<GcsBucketInitComponent> storageInitComponent) {
				SpoolingExperimentStorage gcs = GcsStorageConfiguration.spoolingStorage(properties, documents, storage,
						storageGcsCallGuard, applicationTaskExecutor);
				// GCS answered a replay round: the init component, which alone owns
				// readiness, checks now instead of at its next backoff. The replay round
				// itself never marks the storage ready.
				return new StorageBackgroundWork<>(gcs, scheduler(schedulerBuilder), properties.getReplayInterval(),
						gcs::replayRound, () -> {
						}, () -> askOwnerToCheck(tracker, storageInitComponent));
			}

			@Bean
			ExperimentStorage experimentStorage(StorageBackgroundWork<SpoolingExperimentStorage> storageBackgroundWork,
					ObjectProvider<StorageOperationListener> listeners) {
				return observed(storageBackgroundWork.storage(), listeners);
			}

			@Bean
			@ConditionalOnMissingBean(name = "storageInitComponent")
			GcsBucketInitComponent storageInitComponent(
					StorageBackgroundWork<SpoolingExperimentStorage> storageBackgroundWork) {
				return new GcsBucketInitComponent(storageBackgroundWork.storage());
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

		}

		/**
		 * No bucket or no client: start-up ends with a report naming the property.
		 */
		@Configuration(proxyBeanMethods = false)
		@Conditional(OnGcsUsableCondition.Not.class)
		static class Unusable {

			@Bean
			ExperimentStorage experimentStorage(StorageProperties properties) {
				boolean noBucket = properties.getGcs().getBucket() == null;
				throw new InvalidHardeningPropertyException("hardening.storage.mode", "gcs",
						"needs hardening.storage.gcs.bucket set and google-cloud-storage on the classpath ("
								+ missing(properties) + ")",
						noBucket ? "Set hardening.storage.gcs.bucket, or set hardening.storage.mode to auto or filesystem."
								: "Add com.google.cloud:google-cloud-storage to the application, or set "
										+ "hardening.storage.mode to auto or filesystem.",
						"hardening.storage.gcs.bucket");
			}

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
		ExperimentStorage experimentStorage(StorageBackgroundWork<AutoSelectingExperimentStorage> storageBackgroundWork,
				ObjectProvider<StorageOperationListener> listeners) {
			return observed(storageBackgroundWork.storage(), listeners);
		}

		private static StorageBackgroundWork<AutoSelectingExperimentStorage> work(StorageProperties properties,
				JsonDocuments documents, Supplier<SpoolingExperimentStorage> gcs,
				ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
			ThreadPoolTaskScheduler scheduler = scheduler(schedulerBuilder);
			AutoSelectingExperimentStorage storage = new AutoSelectingExperimentStorage(gcs,
					new FilesystemExperimentStorage(properties.getFilesystem().getPath(), documents),
					missing(properties), properties.getGcs().getStartupTimeout(), scheduler);
			return new StorageBackgroundWork<>(storage, scheduler, properties.getReplayInterval(), storage::replayRound,
					storage::decide, () -> {
					});
		}

		@Configuration(proxyBeanMethods = false)
		@Conditional(OnGcsUsableCondition.class)
		static class WithGcs {

			@Bean
			StorageBackgroundWork<AutoSelectingExperimentStorage> storageBackgroundWork(StorageProperties properties,
					JsonDocuments documents, ObjectProvider<Storage> storage, GcsCallGuard storageGcsCallGuard,
					@Qualifier("applicationTaskExecutor") ObjectProvider<Executor> applicationTaskExecutor,
					ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
				SpoolingExperimentStorage gcs = GcsStorageConfiguration.spoolingStorage(properties, documents, storage,
						storageGcsCallGuard, applicationTaskExecutor);
				return work(properties, documents, () -> gcs, schedulerBuilder);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@Conditional(OnGcsUsableCondition.Not.class)
		static class WithoutGcs {

			@Bean
			StorageBackgroundWork<AutoSelectingExperimentStorage> storageBackgroundWork(StorageProperties properties,
					JsonDocuments documents, ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
				return work(properties, documents, null, schedulerBuilder);
			}

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
		StorageBackgroundWork<FilesystemExperimentStorage> storageBackgroundWork(StorageProperties properties,
				JsonDocuments documents, ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
			FilesystemExperimentStorage storage = new FilesystemExperimentStorage(properties.getFilesystem().getPath(),
					documents);
			return new StorageBackgroundWork<>(storage, scheduler(schedulerBuilder), properties.getReplayInterval(),
					() -> {
						storage.checkWritable();
						return ReplayRound.IDLE;
					});
		}

		@Bean
		ExperimentStorage experimentStorage(StorageBackgroundWork<FilesystemExperimentStorage> storageBackgroundWork,
				ObjectProvider<StorageOperationListener> listeners) {
			return observed(storageBackgroundWork.storage(), listeners);
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
