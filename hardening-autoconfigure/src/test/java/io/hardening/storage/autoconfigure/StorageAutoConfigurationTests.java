package io.hardening.storage.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.storage.Storage;
import io.hardening.autoconfigure.InvalidHardeningPropertyFailureAnalyzer;
import io.hardening.probes.ReadinessMember;
import io.hardening.storage.AutoSelectingExperimentStorage;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.StorageBackgroundWork;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.StoredExperiment;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.FakeGcsServer;
import io.hardening.storage.gcs.GcsBucketInitComponent;
import io.hardening.storage.gcs.GcsCallGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.config.BeanPostProcessor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.hardening.storage.TestDocuments.documents;
import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

class StorageAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StorageAutoConfiguration.class))
			.withPropertyValues("hardening.storage.filesystem.path=" + this.root.resolve("data"));
	}

	@Test
	void storageIsCreatedByDefaultInAutoModeWithoutTouchingGcs() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(ExperimentStorage.class)
				.hasSingleBean(StorageBackgroundWork.class)
				.doesNotHaveBean(Storage.class)
				.doesNotHaveBean(GcsCallGuard.class)
				.doesNotHaveBean(GcsBucketInitComponent.class);
			assertThat(context.getBean("storageReadinessMember", ReadinessMember.class))
				.isEqualTo(ReadinessMember.include("storage"));
			ExperimentStorage storage = context.getBean(ExperimentStorage.class);
			assertThat(((ObservedExperimentStorage) storage).getDelegate())
				.isInstanceOf(AutoSelectingExperimentStorage.class);
			assertThat(storage.store("exp-1", json("{}"), json("{}")).getScheme()).isEqualTo("file");
			assertThat(storage.status().fallbackReason()).isEqualTo("hardening.storage.gcs.bucket is not set");
			assertThat(this.root.resolve("data/exp-1/record.json")).exists();
		});
	}

	@Test
	void blankBucketMeansNoGcs() {
		runner().withPropertyValues("hardening.storage.gcs.bucket=", "hardening.storage.gcs.host=").run((context) -> {
			assertThat(context).doesNotHaveBean(GcsCallGuard.class).doesNotHaveBean(Storage.class);
			ExperimentStorage storage = context.getBean(ExperimentStorage.class);
			storage.store("exp-1", json("{}"), json("{}"));
			assertThat(storage.status().fallbackReason()).isEqualTo("hardening.storage.gcs.bucket is not set");
		});
	}

	@Test
	void storageBacksOffToUserBean() {
		ExperimentStorage mine = mock(ExperimentStorage.class);
		runner().withBean(ExperimentStorage.class, () -> mine)
			.run((context) -> assertThat(context).getBean(ExperimentStorage.class).isSameAs(mine));
	}

	@Test
	void userStorageGetsNoSchedulerNorInitComponentOfTheStarter() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			runner()
				.withPropertyValues("hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.host=" + server.url())
				.withBean(ExperimentStorage.class, () -> mock(ExperimentStorage.class))
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(StorageBackgroundWork.class)
					.doesNotHaveBean(GcsBucketInitComponent.class));
			assertThat(server.requestCount()).isZero();
		}
	}

	@Test
	void userDecoratorOfStorageKeepsReplayWorking() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			server.setFailing(true);
			runner()
				.withPropertyValues("hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.host=" + server.url(), "hardening.storage.gcs.write-timeout=1s",
						"hardening.storage.replay-interval=100ms")
				.withBean(DecoratingPostProcessor.class, DecoratingPostProcessor::new)
				.run((context) -> {
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage).isInstanceOf(DecoratedStorage.class);
					assertThat(storage.store("exp-1", json("{}"), json("{}")))
						.hasToString("gs://bucket/exp-1/record.json");
					assertThat(storage.status().pendingReplay()).isOne();
					server.setFailing(false);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> server.creations("exp-1/record.json") == 1
								&& storage.status().pendingReplay() == 0);
				});
		}
	}

	@Test
	void eachModeIsAConfigurationOfItsOwnInTheConditionsReport() {
		runner().withPropertyValues("hardening.storage.mode=filesystem").run((context) -> {
			Map<String, ConditionAndOutcomes> report = ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource();
			assertThat(report.get(StorageBackendConfigurations.Filesystem.class.getName()).isFullMatch()).isTrue();
			assertThat(report.get(StorageBackendConfigurations.Gcs.class.getName()).isFullMatch()).isFalse();
			assertThat(report.get(StorageBackendConfigurations.Auto.class.getName()).isFullMatch()).isFalse();
		});
	}

	@Test
	void storageIsDisabledByProperty() {
		runner().withPropertyValues("hardening.storage.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExperimentStorage.class)
				.doesNotHaveBean(ReadinessMember.class));
	}

	@Test
	void filesystemModeNeverCreatesGcsBeans() {
		runner().withPropertyValues("hardening.storage.mode=filesystem", "hardening.storage.gcs.bucket=bucket")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Storage.class).doesNotHaveBean(GcsCallGuard.class);
				assertThat(((ObservedExperimentStorage) context.getBean(ExperimentStorage.class)).getDelegate())
					.isInstanceOf(FilesystemExperimentStorage.class);
			});
	}

	@Test
	void withoutGcsClientTheFilesystemStillWorks() {
		runner().withClassLoader(new FilteredClassLoader(Storage.class))
			.withPropertyValues("hardening.storage.gcs.bucket=bucket")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(GcsCallGuard.class);
				ExperimentStorage storage = context.getBean(ExperimentStorage.class);
				assertThat(storage.store("exp-1", json("{}"), json("{}")).getScheme()).isEqualTo("file");
				assertThat(storage.status().fallbackReason()).contains("google-cloud-storage is not on the classpath");
			});
	}

	@Test
	void gcsModeRegistersInitComponentAndCreatesClientLazily() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			runner()
				.withPropertyValues("hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.host=" + server.url(), "hardening.storage.gcs.write-timeout=2s")
				.run((context) -> {
					assertThat(context).hasSingleBean(GcsBucketInitComponent.class).hasSingleBean(Storage.class);
					// Created on first use, in the background (the first replay round
					// checks
					// the bucket at once), never while the context starts.
					assertThat(context.getBeanFactory().getBeanDefinition("hardeningGcsStorage").isLazyInit()).isTrue();
					GcsBucketInitComponent component = context.getBean(GcsBucketInitComponent.class);
					assertThat(component.name()).isEqualTo("storage");
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(context).getBeans(ExperimentStorage.class).hasSize(1);
					assertThat(((ObservedExperimentStorage) storage).getDelegate())
						.isSameAs(context.getBean(StorageBackgroundWork.class).storage());
					assertThat(storage.status().ready()).isFalse();
					component.initialize();
					assertThat(storage.status().ready()).isTrue();
					assertThat(storage.store("exp-1", json("{}"), json("{}")))
						.hasToString("gs://bucket/exp-1/record.json");
					assertThat(server.creations("exp-1/record.json")).isEqualTo(1);
				});
		}
	}

	@Test
	void autoModeFallbackReplaysWhatAnEarlierRunSpooledOnceGcsAnswers() throws IOException {
		new FilesystemExperimentStorage(this.root.resolve("data/.spool"), documents()).store("left-over",
				json("{\"n\":1}"), json("{}"));
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			server.setFailing(true);
			runner()
				.withPropertyValues("hardening.storage.gcs.bucket=bucket", "hardening.storage.gcs.host=" + server.url(),
						"hardening.storage.gcs.write-timeout=1s", "hardening.storage.gcs.startup-timeout=3s",
						"hardening.storage.replay-interval=200ms")
				.run((context) -> {
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage.get("left-over")).isPresent();
					assertThat(storage.status().backend()).isEqualTo("filesystem");
					server.setFailing(false);
					await().atMost(Duration.ofSeconds(10)).until(() -> server.creations("left-over/record.json") == 1);
					await().atMost(Duration.ofSeconds(5)).until(() -> storage.status().pendingReplay() == 0);
					// The decision holds; the replayed record stays readable.
					assertThat(storage.status().backend()).isEqualTo("filesystem");
					assertThat(storage.get("left-over").orElseThrow().result()).isEqualTo(json("{\"n\":1}"));
				});
		}
	}

	@Test
	void gcsModeWithoutInitTrackerBecomesReadyThroughItsInitComponentWhenReplaySeesGcs() throws IOException {
		try (FakeGcsServer server = new FakeGcsServer("bucket")) {
			server.setFailing(true);
			runner()
				.withPropertyValues("hardening.storage.mode=gcs", "hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.host=" + server.url(), "hardening.storage.gcs.write-timeout=1s",
						"hardening.storage.replay-interval=200ms")
				.run((context) -> {
					// No InitTracker in this context: nothing but a replay round asks the
					// component to check.
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage.status().ready()).isFalse();
					server.setFailing(false);
					await().atMost(Duration.ofSeconds(10)).until(() -> storage.status().ready());
				});
		}
	}

	@Test
	void autoModeWithSilentHostStartsAtOnceAndFallsBackWithinStartupTimeout() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			long start = System.nanoTime();
			runner()
				.withPropertyValues("hardening.storage.gcs.bucket=bucket",
						"hardening.storage.gcs.host=http://127.0.0.1:" + silent.getLocalPort(),
						"hardening.storage.gcs.startup-timeout=700ms")
				.run((context) -> {
					assertThat(context).hasNotFailed().hasSingleBean(GcsCallGuard.class);
					ExperimentStorage storage = context.getBean(ExperimentStorage.class);
					assertThat(storage.store("exp-1", json("{}"), json("{}")).getScheme()).isEqualTo("file");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
					assertThat(storage.status().backend()).isEqualTo("filesystem");
					assertThat(storage.status().fallbackReason())
						.contains("hardening.storage.gcs.startup-timeout (700ms)");
				});
		}
	}

	@Test
	void unknownModeFailsWithFailureAnalysisNamingThePropertyAndItsValues() {
		runner().withPropertyValues("hardening.storage.mode=gcss").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidHardeningPropertyFailureAnalyzer(
					new MockEnvironment().withProperty("hardening.storage.mode", "gcss"))
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("hardening.storage.mode").contains("gcss");
			assertThat(analysis.getAction()).contains("auto").contains("gcs").contains("filesystem");
		});
	}

	@Test
	void modeIsMatchedIgnoringCase() {
		runner()
			.withPropertyValues("hardening.storage.mode=FileSystem", "hardening.storage.filesystem.path=" + this.root)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ExperimentStorage.class));
	}

	@Test
	void gcsClientBacksOffToUserBean() {
		Storage mine = mock(Storage.class);
		runner().withPropertyValues("hardening.storage.gcs.bucket=bucket")
			.withBean(Storage.class, () -> mine)
			.run((context) -> assertThat(context).getBean(Storage.class).isSameAs(mine));
	}

	@Test
	void gcsModeWithoutBucketFailsWithClearMessage() {
		runner().withPropertyValues("hardening.storage.mode=gcs").run((context) -> {
			FailureAnalysis analysis = new InvalidHardeningPropertyFailureAnalyzer(
					new MockEnvironment().withProperty("hardening.storage.mode", "gcs"))
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("Invalid value 'gcs' for configuration property 'hardening.storage.mode'")
				.contains("needs hardening.storage.gcs.bucket set")
				.contains("hardening.storage.gcs.bucket = (not set)");
			assertThat(analysis.getAction()).contains("Set hardening.storage.gcs.bucket");
		});
	}

	@Test
	void invalidTimeoutFailsWithClearMessage() {
		runner().withPropertyValues("hardening.storage.gcs.write-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("hardening.storage.gcs.write-timeout must be a positive duration"));
	}

	@Test
	void invalidBucketFailsWithClearMessage() {
		runner().withPropertyValues("hardening.storage.gcs.bucket=Bad/Name")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("hardening.storage.gcs.bucket must be a bucket name"));
	}

	@Test
	void invalidHostFailsWithClearMessage() {
		runner().withPropertyValues("hardening.storage.gcs.host=localhost:4443")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("hardening.storage.gcs.host must be an http(s) URL"));
	}

	static class DecoratingPostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return (bean instanceof ExperimentStorage storage) ? new DecoratedStorage(storage) : bean;
		}

	}

	/**
	 * A user's decorator: delegates everything.
	 */
	static class DecoratedStorage implements ExperimentStorage {

		private final ExperimentStorage delegate;

		DecoratedStorage(ExperimentStorage delegate) {
			this.delegate = delegate;
		}

		@Override
		public URI store(String id, JsonNode result, JsonNode metadata) {
			return this.delegate.store(id, result, metadata);
		}

		@Override
		public Optional<StoredExperiment> get(String id) {
			return this.delegate.get(id);
		}

		@Override
		public List<StoredExperiment> list(int limit, int offset) {
			return this.delegate.list(limit, offset);
		}

		@Override
		public boolean delete(String id) {
			return this.delegate.delete(id);
		}

		@Override
		public StorageStatus status() {
			return this.delegate.status();
		}

	}

}
