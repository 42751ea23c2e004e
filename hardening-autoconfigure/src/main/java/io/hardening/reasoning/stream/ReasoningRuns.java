package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.ReasoningModels;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Starts reasoning runs, admits at most {@code maxConcurrentStreams} at once, keeps
 * finished runs for reconnects within bounds, and ends every running one with
 * {@code shutting_down} when the application stops, before the web server's graceful
 * shutdown waits on them.
 */
public class ReasoningRuns implements SmartLifecycle {

	/**
	 * Stops before the web server's graceful shutdown phase
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 1024}), so open streams end instead of
	 * holding it.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * Longest wait for the first connection of a run, in case the response that would
	 * have carried it was never written.
	 */
	private static final Duration NO_SHOW = Duration.ofSeconds(10);

	/**
	 * Longest wait on shutdown for the run records still being saved.
	 */
	private static final Duration RECORD_FLUSH = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(ReasoningRuns.class);

	private final ReasoningModels models;

	private final StreamSettings settings;

	private final ModelGuard guard;

	private final RunRecorder recorder;

	private final ReasoningStreamListener listener;

	private final ModelBudget flashBudget;

	private final ModelBudget proBudget;

	private final HeldRuns runs;

	private final StreamSlots slots;

	private final RunsElsewhere elsewhere;

	private final StreamAdmission admission;

	private volatile boolean running;

	private volatile boolean stopping;

	/**
	 * Creates the registry.
	 * @param models the two models
	 * @param settings the bounds
	 * @param guard the circuit breakers
	 * @param modelsReady whether the model client is initialized
	 * @param recorder saves finished runs
	 * @param listener told about streams and calls
	 */
	public ReasoningRuns(ReasoningModels models, StreamSettings settings, ModelGuard guard, BooleanSupplier modelsReady,
			RunRecorder recorder, ReasoningStreamListener listener) {
		this(models, settings, guard, modelsReady, recorder, listener, RunsElsewhere.NONE);
	}

	/**
	 * Creates the registry.
	 * @param models the two models
	 * @param settings the bounds
	 * @param guard the circuit breakers
	 * @param modelsReady whether the model client is initialized
	 * @param recorder saves finished runs
	 * @param listener told about streams and calls
	 * @param elsewhere answers reconnects to runs this instance does not hold
	 */
	public ReasoningRuns(ReasoningModels models, StreamSettings settings, ModelGuard guard, BooleanSupplier modelsReady,
			RunRecorder recorder, ReasoningStreamListener listener, RunsElsewhere elsewhere) {
		this.models = models;
		this.settings = settings;
		this.guard = guard;
		this.recorder = recorder;
		this.listener = listener;
		this.slots = new StreamSlots(settings.maxConcurrentStreams());
		this.elsewhere = elsewhere;
		this.admission = new StreamAdmission(this.slots, modelsReady, listener);
		this.runs = new HeldRuns(settings.resumeWindow(), settings.resumeMaxRuns());
		this.flashBudget = settings.flash().cappedAt(settings.timeout());
		this.proBudget = settings.pro().cappedAt(settings.timeout());
	}

	/**
	 * Starts a run: both models at once.
	 * @param query the query, already checked
	 * @param requestId the request id, shown in the start event and the run record
	 * @return the run's events, from its start to its terminal event
	 * @throws StreamRejectedException when the run may not start now
	 */
	public Flux<ReasoningEvent> start(String query, String requestId) {
		return start(query, requestId, null);
	}

	/**
	 * Starts a run owned by a client: only that client may resume it.
	 * @param query the query, already checked
	 * @param requestId the request id, shown in the start event and the run record
	 * @param owner who started it (a digest of its API key), {@code null} for nobody in
	 * particular
	 * @return the run's events, from its start to its terminal event
	 * @throws StreamRejectedException when the run may not start now
	 */
	public Flux<ReasoningEvent> start(String query, String requestId, String owner) {
		this.admission.admitRun(this.stopping);
		String id = "run-" + UUID.randomUUID();
		ReasoningRun run = new ReasoningRun(id, owner, query, requestId,
				leg("flash", this.models.flash(), this.flashBudget), leg("pro", this.models.pro(), this.proBudget),
				this.settings.reconnectGrace(), this.settings.resumeMaxEvents(), this.slots, this::ended);
		this.runs.add(run);
		Flux<ReasoningEvent> events = run.open(max(this.settings.reconnectGrace(), NO_SHOW));
		if (this.stopping) {
			run.shutDown();
		}
		return events;
	}

	/**
	 * Resumes a run for a client that reconnects with {@code Last-Event-ID}. Never starts
	 * a model call.
	 * @param lastEventId the last id the client saw, {@code {run id}:{sequence}}
	 * @return what the client gets
	 * @throws StreamRejectedException when every stream slot is taken
	 */
	public Resume resume(String lastEventId) {
		return resume(lastEventId, null);
	}

	/**
	 * Resumes a run for a client that reconnects with {@code Last-Event-ID}: one
	 * decision, the events after that id gapless from the next sequence, or
	 * {@code resume_unavailable}. A resumed connection takes a stream slot. Never starts
	 * a model call.
	 * @param lastEventId the last id the client saw, {@code {run id}:{sequence}}
	 * @param requester who asks (a digest of its API key), {@code null} for nobody in
	 * particular: a run answers only its owner
	 * @return what the client gets
	 * @throws StreamRejectedException when every stream slot is taken
	 */
	public Resume resume(String lastEventId, String requester) {
		LastEventId id = LastEventId.parse(lastEventId);
		ReasoningRun run = (id != null) ? this.runs.get(id.runId()) : null;
		if (run == null) {
			return Resume.unavailable();
		}
		return switch (run.resume(id.after(), requester)) {
			case AVAILABLE -> new Resume(run.resumed(id.after(), NO_SHOW));
			case NOTHING_MISSED -> Resume.missedNothing();
			case UNAVAILABLE -> Resume.unavailable();
			case NO_SLOT -> throw this.admission.tooMany();
		};
	}

	/**
	 * Resumes a run held here ({@link #resume(String, String)}) or, when this instance
	 * does not hold it, one that another replica ran, from its record: the model results
	 * and the terminal event the client has not seen, with no model call. A run still
	 * running elsewhere cannot be resumed.
	 * @param lastEventId the last id the client saw, {@code {run id}:{sequence}}
	 * @param requester who asks (a digest of its API key), {@code null} for nobody in
	 * particular
	 * @return what the client gets; fails with {@link StreamRejectedException} when every
	 * stream slot is taken
	 */
	public Mono<Resume> resumeAnywhere(String lastEventId, String requester) {
		LastEventId id = LastEventId.parse(lastEventId);
		if (id == null || this.runs.holds(id.runId())) {
			try {
				return Mono.just(resume(lastEventId, requester));
			}
			catch (StreamRejectedException ex) {
				return Mono.error(ex);
			}
		}
		return this.elsewhere.missed(id.runId(), id.after(), requester)
			.map(this::fromElsewhere)
			.defaultIfEmpty(Resume.unavailable());
	}

	private Resume fromElsewhere(List<ReasoningEvent> missed) {
		return missed.isEmpty() ? Resume.missedNothing() : new Resume(this.admission.holdingSlot(missed, NO_SHOW));
	}

	/**
	 * How many stream slots are taken now: open connections, new or resumed, and runs
	 * waiting the reconnect grace.
	 * @return the number of open streams
	 */
	public int activeStreams() {
		return this.slots.used();
	}

	/**
	 * How many streams may be open at once
	 * ({@code hardening.reasoning.max-concurrent-streams}).
	 * @return the admission limit
	 */
	public int maxConcurrentStreams() {
		return this.settings.maxConcurrentStreams();
	}

	private ModelLeg leg(String role, ReasoningModel model, ModelBudget budget) {
		return new ModelLeg(role, model, budget, this.guard, this.listener);
	}

	private void ended(ReasoningRun run) {
		StreamOutcome outcome = run.outcome();
		this.listener.streamFinished(outcome);
		try {
			this.recorder.record(run.record());
		}
		catch (RuntimeException ex) {
			logger.warn("Run record of " + run.id() + " could not be saved", ex);
			this.listener.runRecordFailed(ex);
		}
		this.runs.ended(run, outcome);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	@Override
	public void start() {
		// A context stopped and started again (as the test framework does with paused
		// contexts) admits streams again.
		this.stopping = false;
		this.running = true;
	}

	/**
	 * Refuses new streams, ends the running ones with {@code shutting_down}, and waits a
	 * little for their records to be saved.
	 */
	@Override
	public void stop() {
		this.stopping = true;
		this.runs.all().stream().filter(ReasoningRun::isRunning).forEach(ReasoningRun::shutDown);
		this.recorder.flush(RECORD_FLUSH);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
