package io.hardening.storage;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Reactive face of an {@link ExperimentStorage}: every call runs on
 * {@link Schedulers#boundedElastic()}, never on an event loop.
 */
public class ReactiveExperimentStorage {

	private final ExperimentStorage storage;

	private final Scheduler scheduler;

	public ReactiveExperimentStorage(ExperimentStorage storage) {
		this(storage, Schedulers.boundedElastic());
	}

	public ReactiveExperimentStorage(ExperimentStorage storage, Scheduler scheduler) {
		this.storage = storage;
		this.scheduler = scheduler;
	}

	/**
	 * See {@link ExperimentStorage#store}.
	 * @param id the id
	 * @param result the result object
	 * @param metadata the metadata object
	 * @return the URI
	 */
	public Mono<URI> store(String id, JsonNode result, JsonNode metadata) {
		return Mono.fromCallable(() -> this.storage.store(id, result, metadata)).subscribeOn(this.scheduler);
	}

	/**
	 * See {@link ExperimentStorage#storeRecord}.
	 * @param id the id
	 * @param result the result object
	 * @param metadata the metadata object
	 * @return the URI and whether the record is spooled
	 */
	public Mono<StoreOutcome> storeRecord(String id, JsonNode result, JsonNode metadata) {
		return Mono.fromCallable(() -> this.storage.storeRecord(id, result, metadata)).subscribeOn(this.scheduler);
	}

	/**
	 * See {@link ExperimentStorage#listPage}.
	 * @param limit the page size
	 * @param offset how many to skip
	 * @return the page, partial when the backend could not be listed
	 */
	public Mono<ExperimentPage> listPage(int limit, int offset) {
		return Mono.fromCallable(() -> this.storage.listPage(limit, offset)).subscribeOn(this.scheduler);
	}

	/**
	 * See {@link ExperimentStorage#get}.
	 * @param id the id
	 * @return the record, or empty
	 */
	public Mono<StoredExperiment> get(String id) {
		return Mono.fromCallable(() -> this.storage.get(id))
			.subscribeOn(this.scheduler)
			.flatMap((found) -> Mono.justOrEmpty(found));
	}

	/**
	 * See {@link ExperimentStorage#list}.
	 * @param limit the page size
	 * @param offset how many to skip
	 * @return the page
	 */
	public Mono<List<StoredExperiment>> list(int limit, int offset) {
		return Mono.fromCallable(() -> this.storage.list(limit, offset)).subscribeOn(this.scheduler);
	}

	/**
	 * See {@link ExperimentStorage#delete}.
	 * @param id the id
	 * @return whether there was a record
	 */
	public Mono<Boolean> delete(String id) {
		return Mono.fromCallable(() -> this.storage.delete(id)).subscribeOn(this.scheduler);
	}

	/**
	 * Returns the blocking storage.
	 * @return the storage
	 */
	public ExperimentStorage blocking() {
		return this.storage;
	}

}
