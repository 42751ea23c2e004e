package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Storage;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.GcsCallGuard;
import io.hardening.storage.gcs.GcsClients;
import io.hardening.storage.gcs.GcsExperimentStorage;
import io.hardening.storage.gcs.SpoolingExperimentStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.util.function.SingletonSupplier;

/**
 * GCS beans, present when the client is on the classpath, a bucket is set and the mode is
 * not {@code filesystem}: the client and the guard of its calls. Nothing here does I/O
 * when created: the client is created on first use, in the background.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.google.cloud.storage.Storage")
@Conditional(OnGcsConfiguredCondition.class)
class GcsStorageConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	Storage hardeningGcsStorage(StorageProperties properties) {
		GcsStorageProperties gcs = properties.getGcs();
		Credentials credentials = (gcs.getHost() == null) ? credentials(gcs.getCredentialsLocation()) : null;
		return GcsClients.create(gcs.getHost(), gcs.getProjectId(), credentials, gcs.getWriteTimeout());
	}

	private static Credentials credentials(Resource location) {
		if (location == null) {
			return null;
		}
		try (InputStream in = location.getInputStream()) {
			return GoogleCredentials.fromStream(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not read hardening.storage.gcs.credentials-location " + location.getDescription(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	GcsCallGuard storageGcsCallGuard(StorageProperties properties,
			ObjectProvider<CircuitBreakerFactory<?, ?>> factory) {
		// Spring Cloud's factory, configured by resilience4j.* keys; a factory of our own
		// with the same defaults where the application has none.
		CircuitBreakerFactory<?, ?> available = factory.getIfAvailable();
		return (available != null) ? new GcsCallGuard(available)
				: GcsCallGuard.standalone(properties.getGcs().getWriteTimeout(), properties.getReplayInterval());
	}

	/**
	 * Builds the GCS storage with its spool, for the mode configuration that serves it
	 * (gcs, or auto with a bucket), which carries it in its
	 * {@link io.hardening.storage.StorageBackgroundWork} bean. No I/O: the client is
	 * created on first use.
	 */
	static SpoolingExperimentStorage spoolingStorage(StorageProperties properties, JsonDocuments documents,
			ObjectProvider<Storage> storage, GcsCallGuard guard, ObjectProvider<Executor> applicationTaskExecutor) {
		GcsStorageProperties gcs = properties.getGcs();
		// A page's reads run in parallel on Boot's task executor; one after the other
		// where the application has none.
		Executor pageReads = applicationTaskExecutor.getIfAvailable(() -> Runnable::run);
		GcsExperimentStorage remote = new GcsExperimentStorage(SingletonSupplier.of(storage::getObject),
				gcs.getBucket(), gcs.getPrefix(), documents, guard, pageReads);
		return new SpoolingExperimentStorage(remote, remote::checkBucket,
				new FilesystemExperimentStorage(properties.resolveSpoolPath(), documents), false);
	}

}
