package io.hardening.storage.actuate;

import java.time.Duration;
import java.util.List;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.ObservedExperimentStorage;
import io.hardening.storage.StorageStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.hardening.storage.TestDocuments.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class StorageMetricsTests {

	private final ExperimentStorage storage = mock(ExperimentStorage.class);

	@Test
	void gaugesReadTheStatus() {
		given(this.storage.status()).willReturn(new StorageStatus("gcs", "bucket", null, 3, null, true, true, 2));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new StorageMetrics(() -> this.storage).bindTo(registry);
		assertThat(registry.get("hardening.storage.fallback.active").gauge().value()).isEqualTo(1);
		assertThat(registry.get("hardening.storage.replay.pending").gauge().value()).isEqualTo(3);
		assertThat(registry.get("hardening.storage.permanent.errors").functionCounter().count()).isEqualTo(2);
	}

	@Test
	void operationsAreTimedWithBackendOperationAndOutcome() {
		given(this.storage.status()).willReturn(new StorageStatus("filesystem", "/x", null, 0, null, true, false));
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		StorageMetrics metrics = new StorageMetrics(() -> this.storage);
		metrics.bindTo(registry);
		ObservedExperimentStorage observed = new ObservedExperimentStorage(this.storage, List.of(metrics));
		observed.store("a", json("{}"), json("{}"));
		observed.get("a");
		metrics.onOperation("gcs", "list", "error", Duration.ofMillis(5));
		String scrape = registry.scrape();
		assertThat(scrape).contains(
				"hardening_storage_operations_seconds_count{backend=\"filesystem\",operation=\"store\",outcome=\"success\"} 1")
			.contains("operation=\"get\",outcome=\"not_found\"")
			.contains("hardening_storage_fallback_active 0")
			.contains("hardening_storage_replay_pending 0");
	}

}
