package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Storage;
import io.hardening.storage.BoundedCalls;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.SpoolingExperimentStorage;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.GcsClients;
import io.hardening.storage.gcs.GcsExperimentStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.util.function.SingletonSupplier;

/**
 * GCS beans, present when the client is on the classpath, a bucket is set and the mode is
 * not {@code filesystem}. Nothing here does I/O when created: the client is created on
 * first use, in the background.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.google.cloud.storage.Storage")
@Conditional(OnGcsConfiguredCondition.class)
class GcsStorageConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	Storage hardeningGcsStorage(StorageProperties properties) {
		StorageProperties.Gcs gcs = properties.getGcs();
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

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	BoundedCalls storageBoundedCalls() {
		return new BoundedCalls("hardening-storage-gcs-", 32);
	}

	@Bean
	@ConditionalOnMissingBean
	GcsBackend storageGcsBackend(StorageProperties properties, JsonDocuments documents, ObjectProvider<Storage> storage,
			BoundedCalls calls) {
		StorageProperties.Gcs gcs = properties.getGcs();
		GcsExperimentStorage remote = new GcsExperimentStorage(SingletonSupplier.of(storage::getObject),
				gcs.getBucket(), gcs.getPrefix(), documents);
		return new GcsBackend(new SpoolingExperimentStorage(remote, remote::checkBucket,
				new FilesystemExperimentStorage(properties.resolveSpoolPath(), documents), calls, gcs.getWriteTimeout(),
				false));
	}

}
