package io.hardening.storage.autoconfigure;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.web.StorageHandler;
import io.hardening.storage.web.StorageRoutes;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the storage REST endpoints in a reactive web application.
 */
@AutoConfiguration(after = StorageAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean({ ReactiveExperimentStorage.class, JsonDocuments.class })
@ConditionalOnBooleanProperty(name = "hardening.storage.web.enabled", matchIfMissing = true)
public final class StorageWebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StorageHandler storageHandler(ReactiveExperimentStorage storage, JsonDocuments documents) {
		return new StorageHandler(storage, documents);
	}

	@Bean
	@ConditionalOnMissingBean(name = "storageRouterFunction")
	RouterFunction<ServerResponse> storageRouterFunction(StorageHandler storageHandler) {
		return StorageRoutes.create(storageHandler);
	}

}
