package io.hardening.storage.actuate;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class StorageHealthIndicatorTests {

	private final ExperimentStorage storage = mock(ExperimentStorage.class);

	private final StorageHealthIndicator indicator = new StorageHealthIndicator(this.storage);

	@Test
	void healthWhenGcsServesIsUpWithBucket() {
		given(this.storage.status()).willReturn(new StorageStatus("gcs", "bucket", null, 2, null, true, true));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("backend", "gcs")
			.containsEntry("bucket", "bucket")
			.containsEntry("pendingReplay", 2)
			.doesNotContainKeys("lastError", "fallbackReason");
	}

	@Test
	void healthWhenGcsNotYetReadyIsDownWithSanitizedError() {
		given(this.storage.status()).willReturn(new StorageStatus("gcs", "bucket", null, 0,
				"401 for https://user:secret@storage.googleapis.com Bearer abc.def", false, true));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("lastError").toString()).doesNotContain("secret").doesNotContain("abc.def");
	}

	@Test
	void healthWhenFallbackServesIsUpWithReason() {
		given(this.storage.status()).willReturn(new StorageStatus("filesystem", "/data", null, 0, null, true, false)
			.withFallbackReason("bucket not reachable: token=abc123"));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("path", "/data")
			.containsEntry("fallbackReason", "bucket not reachable: token=***");
	}

	@Test
	void healthWhileDecidingIsUnknown() {
		given(this.storage.status()).willReturn(new StorageStatus("deciding", null, null, 0, null, true, false));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
	}

}
