package io.hardening.storage.actuate;

import java.time.Duration;
import java.util.function.Supplier;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageOperationListener;
import io.hardening.storage.StorageStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Storage metrics: the {@code hardening.storage.operations} timer (tags backend,
 * operation, outcome), the {@code hardening.storage.fallback.active} and
 * {@code hardening.storage.replay.pending} gauges and the
 * {@code hardening.storage.permanent.errors} counter, read from the storage status.
 */
public class StorageMetrics implements MeterBinder, StorageOperationListener {

	private final Supplier<ExperimentStorage> storage;

	private volatile MeterRegistry registry;

	/**
	 * Creates the metrics.
	 * @param storage supplies the storage on first scrape (the storage itself needs this
	 * listener when it is created)
	 */
	public StorageMetrics(Supplier<ExperimentStorage> storage) {
		this.storage = storage;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("hardening.storage.fallback.active", this, (metrics) -> metrics.status().fallbackActive() ? 1 : 0)
			.description("Whether records go to the filesystem instead of GCS (1) or not (0)")
			.register(registry);
		FunctionCounter
			.builder("hardening.storage.permanent.errors", this, (metrics) -> metrics.status().permanentErrors())
			.description("GCS calls refused with a permanent error (a 4xx other than 408 and 429)")
			.register(registry);
		Gauge.builder("hardening.storage.replay.pending", this, (metrics) -> metrics.status().pendingReplay())
			.description("Records in the spool waiting to be replayed to GCS")
			.register(registry);
	}

	private StorageStatus status() {
		return this.storage.get().status();
	}

	@Override
	public void onOperation(String backend, String operation, String outcome, Duration duration) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		Timer.builder("hardening.storage.operations")
			.description("Storage operations")
			.tag("backend", backend)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(current)
			.record(duration);
	}

}
