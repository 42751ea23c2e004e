package io.hardening.reasoning.stream;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.log.LogMessage;

/**
 * Saves run records through the experiment storage, in the background: the stream that
 * ended never waits for it, and a failure is logged and counted, never shown to the
 * client.
 */
public class StorageRunRecorder implements RunRecorder {

	private static final Log logger = LogFactory.getLog(StorageRunRecorder.class);

	private final ReactiveExperimentStorage storage;

	private final JsonMapper mapper;

	private final ReasoningStreamListener listener;

	// One future a save under way, completed and removed once it ended either way.
	private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a recorder.
	 * @param storage where records go
	 * @param mapper turns records into JSON
	 * @param listener told about failed saves
	 */
	public StorageRunRecorder(ReactiveExperimentStorage storage, JsonMapper mapper, ReasoningStreamListener listener) {
		this.storage = storage;
		this.mapper = mapper;
		this.listener = listener;
	}

	@Override
	public void record(RunRecord record) {
		Mono<URI> save = this.storage.store(record.id(), this.mapper.valueToTree(record.result()),
				this.mapper.valueToTree(record.metadata()));
		CompletableFuture<Void> saved = new CompletableFuture<>();
		this.inFlight.add(saved);
		save.doFinally((signal) -> {
			this.inFlight.remove(saved);
			saved.complete(null);
		}).subscribe(null, (ex) -> failed(record, ex));
	}

	/**
	 * Waits until no save is under way, those that start while it waits included, or
	 * until the timeout is spent, or the thread is interrupted (its interrupt status is
	 * kept).
	 */
	@Override
	public void flush(Duration timeout) {
		long end = System.nanoTime() + timeout.toNanos();
		for (;;) {
			CompletableFuture<?>[] saves = this.inFlight.toArray(CompletableFuture<?>[]::new);
			long left = end - System.nanoTime();
			if (saves.length == 0 || left <= 0) {
				return;
			}
			try {
				CompletableFuture.allOf(saves).get(left, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				// Never: a save's future completes normally however the save ended.
				return;
			}
		}
	}

	private void failed(RunRecord record, Throwable failure) {
		logger.warn(LogMessage.format("Run record %s was not saved: %s", record.id(),
				Sanitizer.sanitize(Sanitizer.describe(failure), 300)));
		this.listener.runRecordFailed(failure);
	}

}
