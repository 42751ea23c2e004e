package io.hardening.storage.actuate;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageStatus;
import io.hardening.support.Sanitizer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code storage} health contributor: UP while writes can succeed (the filesystem
 * fallback and the spool included), DOWN in gcs mode until the bucket has answered and
 * while writes fail everywhere (a full or read-only disk). Reads the state background
 * work keeps current; never does I/O.
 */
public class StorageHealthIndicator implements HealthIndicator {

	private final ExperimentStorage storage;

	public StorageHealthIndicator(ExperimentStorage storage) {
		this.storage = storage;
	}

	@Override
	public Health health() {
		StorageStatus status = this.storage.status();
		Health.Builder builder = new Health.Builder(status(status)).withDetail("backend", status.backend());
		if (status.location() != null) {
			builder.withDetail(StorageStatus.GCS.equals(status.backend()) ? "bucket" : "path", status.location());
		}
		if (status.fallbackReason() != null) {
			builder.withDetail("fallbackReason", Sanitizer.sanitize(status.fallbackReason(), 500));
		}
		builder.withDetail("pendingReplay", status.pendingReplay());
		if (status.lastError() != null) {
			builder.withDetail("lastError", Sanitizer.sanitize(status.lastError(), 500));
		}
		return builder.build();
	}

	private static Status status(StorageStatus status) {
		if (StorageStatus.DECIDING.equals(status.backend())) {
			return Status.UNKNOWN;
		}
		return status.ready() ? Status.UP : Status.DOWN;
	}

}
