package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.actuate.StorageMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;

class StorageMetricsAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageMetricsAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root);
	}

	@Test
	void operationsAreTimedThroughTheStorageBean() {
		runner().run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(StorageMetrics.class).bindTo(registry);
			context.getBean(ExperimentStorage.class).store("a", json("{}"), json("{}"));
			assertThat(registry.get("hardening.storage.operations")
				.tags("backend", "filesystem", "operation", "store", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void metricsAreAbsentWithoutMicrometer() {
		runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StorageMetrics.class));
	}

}
