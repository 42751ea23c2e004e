package io.hardening.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Tells {@link StorageOperationListener listeners} about every operation of the storage
 * it wraps.
 */
public class ObservedExperimentStorage implements ExperimentStorage {

	private final ExperimentStorage delegate;

	private final List<StorageOperationListener> listeners;

	public ObservedExperimentStorage(ExperimentStorage delegate, List<StorageOperationListener> listeners) {
		this.delegate = delegate;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Returns the wrapped storage.
	 * @return the storage
	 */
	public ExperimentStorage getDelegate() {
		return this.delegate;
	}

	@Override
	public URI store(String id, JsonNode result, JsonNode metadata) {
		return observe("store", () -> this.delegate.store(id, result, metadata), (uri) -> "success");
	}

	@Override
	public StoreOutcome storeRecord(String id, JsonNode result, JsonNode metadata) {
		return observe("store", () -> this.delegate.storeRecord(id, result, metadata),
				(outcome) -> outcome.spooled() ? "spooled" : "success");
	}

	@Override
	public ExperimentPage listPage(int limit, int offset) {
		return observe("list", () -> this.delegate.listPage(limit, offset), (page) -> "success");
	}

	@Override
	public Optional<StoredExperiment> get(String id) {
		return observe("get", () -> this.delegate.get(id), (found) -> found.isPresent() ? "success" : "not_found");
	}

	@Override
	public List<StoredExperiment> list(int limit, int offset) {
		return observe("list", () -> this.delegate.list(limit, offset), (page) -> "success");
	}

	@Override
	public boolean delete(String id) {
		return observe("delete", () -> this.delegate.delete(id), (deleted) -> deleted ? "success" : "not_found");
	}

	@Override
	public StorageStatus status() {
		return this.delegate.status();
	}

	private <T> T observe(String operation, Supplier<T> call, Function<T, String> outcome) {
		long start = System.nanoTime();
		try {
			T value = call.get();
			notify(operation, outcome.apply(value), start);
			return value;
		}
		catch (ExperimentConflictException ex) {
			notify(operation, "conflict", start);
			throw ex;
		}
		catch (InvalidExperimentException ex) {
			notify(operation, "invalid", start);
			throw ex;
		}
		catch (RuntimeException ex) {
			notify(operation, "error", start);
			throw ex;
		}
	}

	private void notify(String operation, String outcome, long start) {
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		String backend = this.delegate.status().backend();
		for (StorageOperationListener listener : this.listeners) {
			listener.onOperation(backend, operation, outcome, duration);
		}
	}

}
