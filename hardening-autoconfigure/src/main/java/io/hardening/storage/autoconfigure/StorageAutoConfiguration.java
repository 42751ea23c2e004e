package io.hardening.storage.autoconfigure;

import io.hardening.probes.ReadinessMember;
import io.hardening.storage.JsonDocuments;
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
 * filesystem fallback, as {@code hardening.storage.mode} says, each in a configuration of
 * its own ({@link StorageBackendConfigurations}).
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBooleanProperty(name = "hardening.storage.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StorageProperties.class)
@Import({ GcsStorageConfiguration.class, StorageBackendConfigurations.Gcs.class,
		StorageBackendConfigurations.Auto.class, StorageBackendConfigurations.Filesystem.class,
		StorageBackendConfigurations.UnknownMode.class, ReactiveStorageConfiguration.class })
public final class StorageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JsonDocuments storageJsonDocuments(ObjectProvider<JsonMapper> jsonMapper, StorageProperties properties) {
		// The application's mapper; Jackson's shared default only where Boot made none.
		return new JsonDocuments(jsonMapper.getIfAvailable(JsonMapper::shared), properties.getMaxDocumentSize(),
				properties.getMaxDocumentDepth());
	}

	@Bean
	@ConditionalOnMissingBean(name = "storageReadinessMember")
	ReadinessMember storageReadinessMember() {
		return ReadinessMember.include("storage");
	}

}
