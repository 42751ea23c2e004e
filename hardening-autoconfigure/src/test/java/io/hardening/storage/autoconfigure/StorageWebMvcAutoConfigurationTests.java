package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.storage.web.ServletStorageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class StorageWebMvcAutoConfigurationTests {

	@TempDir
	Path root;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageWebMvcAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root);
	}

	@Test
	void routesAreCreatedInServletApp() {
		runner().run((context) -> assertThat(context).hasSingleBean(ServletStorageHandler.class)
			.hasBean("storageServletRouterFunction"));
	}

	@Test
	void routesAreDisabledByProperty() {
		runner().withPropertyValues("hardening.storage.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServletStorageHandler.class));
	}

}
