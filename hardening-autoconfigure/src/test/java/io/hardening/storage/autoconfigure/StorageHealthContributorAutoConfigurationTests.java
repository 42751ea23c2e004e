package io.hardening.storage.autoconfigure;

import java.nio.file.Path;

import io.hardening.storage.actuate.StorageHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class StorageHealthContributorAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageHealthContributorAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root);
	}

	@Test
	void indicatorIsCreatedByDefault() {
		runner().run((context) -> {
			assertThat(context).hasBean("storageHealthIndicator");
			// The context start ran the auto decision: no bucket, so the filesystem.
			Health health = context.getBean(StorageHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backend", "filesystem")
				.containsEntry("fallbackReason", "hardening.storage.gcs.bucket is not set")
				.containsEntry("pendingReplay", 0)
				.containsKey("path");
		});
	}

	@Test
	void reactiveApplicationGetsAnIndicatorThatAnswersOnTheAskingThread() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageHealthContributorAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(StorageHealthIndicator.class);
				ReactiveHealthIndicator indicator = context.getBean("storageHealthIndicator",
						ReactiveHealthIndicator.class);
				String asking = Thread.currentThread().getName();
				Health health = indicator.health()
					.map((answer) -> Health.status(answer.getStatus())
						.withDetails(answer.getDetails())
						.withDetail("thread", Thread.currentThread().getName())
						.build())
					.block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("backend", "filesystem").containsEntry("thread", asking);
			});
	}

	@Test
	void indicatorIsDisabledByProperty() {
		runner().withPropertyValues("management.health.storage.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StorageHealthIndicator.class));
	}

	@Test
	void indicatorBacksOffToUserBean() {
		runner().withBean("storageHealthIndicator", StorageHealthIndicator.class, () -> null)
			.run((context) -> assertThat(context).hasSingleBean(StorageHealthIndicator.class));
	}

}
