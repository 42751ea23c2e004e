package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private final AtomicInteger inFlight = new AtomicInteger();

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
		this.inFlight.incrementAndGet();
		this.storage
			.store(record.id(), this.mapper.valueToTree(record.result()), this.mapper.valueToTree(record.metadata()))
			.doFinally((signal) -> saved())
			.subscribe(null, (ex) -> failed(record, ex));
	}

	@Override
	public void flush(Duration timeout) {
		long end = System.nanoTime() + timeout.toNanos();
		synchronized (this.inFlight) {
			for (long left = timeout.toNanos(); this.inFlight.get() > 0 && left > 0; left = end - System.nanoTime()) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.inFlight, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void saved() {
		synchronized (this.inFlight) {
			this.inFlight.decrementAndGet();
			this.inFlight.notifyAll();
		}
	}

	private void failed(RunRecord record, Throwable failure) {
		logger.warn(LogMessage.format("Run record %s was not saved: %s", record.id(),
				Sanitizer.sanitize(Sanitizer.describe(failure), 300)));
		this.listener.runRecordFailed(failure);
	}

}
