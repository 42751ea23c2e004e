package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.web.StorageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

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
	@SuppressWarnings("unchecked")
	void depthLimitPropertyReachesTheEndpoint() {
		runner().withPropertyValues("hardening.storage.max-document-depth=3").run((context) -> {
			assertThat(context.getBean(JsonDocuments.class).getMaxDepth()).isEqualTo(3);
			WebTestClient client = WebTestClient
				.bindToRouterFunction(context.getBean("storageRouterFunction", RouterFunction.class))
				.build();
			client.post()
				.uri("/api/storage/experiment")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"experiment_id\":\"d\",\"result\":{\"a\":[{\"b\":[]}]},\"metadata\":{}}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.value((error) -> assertThat(error.toString()).contains("hardening.storage.max-document-depth (3)"));
			client.post()
				.uri("/api/storage/experiment")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"experiment_id\":\"d\",\"result\":{\"a\":[{\"n\":1e400}]},\"metadata\":{}}")
				.exchange()
				.expectStatus()
				.isOk();
			client.get()
				.uri("/api/storage/experiments/d")
				.exchange()
				.expectBody(String.class)
				.value((body) -> assertThat(body).contains("\"n\":1E+400"));
		});
	}

	@Test
	void depthLimitOutOfRangeFailsNamingTheProperty() {
		runner().withPropertyValues("hardening.storage.max-document-depth=401")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("hardening.storage.max-document-depth must be between 1 and 400"));
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
