package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.storage.web.StorageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class StorageWebFluxAutoConfigurationTests {

	@TempDir
	Path root;

	private ReactiveWebApplicationContextRunner runner() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageWebFluxAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root);
	}

	@Test
	void routesAreCreatedInReactiveApp() {
		runner()
			.run((context) -> assertThat(context).hasSingleBean(StorageHandler.class).hasBean("storageRouterFunction"));
	}

	@Test
	void routesAreDisabledByProperty() {
		runner().withPropertyValues("hardening.storage.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StorageHandler.class));
	}

	@Test
	void routesAreAbsentWithoutStorage() {
		runner().withPropertyValues("hardening.storage.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StorageHandler.class));
	}

	@Test
	void routesAreAbsentOutsideReactiveApps() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(StorageHandler.class));
	}

}
