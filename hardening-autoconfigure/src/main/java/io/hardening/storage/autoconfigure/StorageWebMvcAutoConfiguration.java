package io.hardening.storage.autoconfigure;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.web.ServletStorageHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the storage REST endpoints in a servlet (Spring MVC)
 * application.
 */
@AutoConfiguration(after = StorageAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean({ ExperimentStorage.class, JsonDocuments.class })
@ConditionalOnBooleanProperty(name = "hardening.storage.web.enabled", matchIfMissing = true)
public final class StorageWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServletStorageHandler servletStorageHandler(ExperimentStorage experimentStorage, JsonDocuments documents) {
		return new ServletStorageHandler(experimentStorage, documents);
	}

	@Bean
	@ConditionalOnMissingBean(name = "storageServletRouterFunction")
	RouterFunction<ServerResponse> storageServletRouterFunction(ServletStorageHandler servletStorageHandler) {
		return servletStorageHandler.routes();
	}

}
