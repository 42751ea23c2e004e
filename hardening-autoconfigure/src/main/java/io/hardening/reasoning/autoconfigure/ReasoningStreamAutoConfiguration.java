package io.hardening.reasoning.autoconfigure;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.hardening.init.InitStatus;
import io.hardening.init.InitTracker;
import io.hardening.init.autoconfigure.InitAutoConfiguration;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.stream.CompositeReasoningStreamListener;
import io.hardening.reasoning.stream.ModelBudget;
import io.hardening.reasoning.stream.ModelGuard;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.RecordedRuns;
import io.hardening.reasoning.stream.ReasoningStreamListener;
import io.hardening.reasoning.stream.ReasoningStreamRuntimeHints;
import io.hardening.reasoning.stream.RunRecorder;
import io.hardening.reasoning.stream.RunsElsewhere;
import io.hardening.reasoning.stream.StreamSettings;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.autoconfigure.StorageAutoConfiguration;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for reasoning runs: both models in parallel behind their circuit
 * breakers, bounded in time and number, resumable, recorded through the storage.
 */
@AutoConfiguration(
		after = { ReasoningAutoConfiguration.class, InitAutoConfiguration.class, StorageAutoConfiguration.class },
		afterName = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration")
@ConditionalOnClass(name = "reactor.core.publisher.Flux")
@ConditionalOnBean(ReasoningModels.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.enabled", matchIfMissing = true)
@Import({ ReasoningGuardConfiguration.class, ReasoningRecorderConfiguration.class })
@ImportRuntimeHints(ReasoningStreamRuntimeHints.class)
public final class ReasoningStreamAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReasoningRuns reasoningRuns(ReasoningModels models, ReasoningProperties properties,
			ObjectProvider<ModelGuard> guard, ObjectProvider<RunRecorder> recorder, ObjectProvider<InitTracker> tracker,
			ObjectProvider<ReasoningStreamListener> listeners, ObjectProvider<ExperimentStorage> storage) {
		return new ReasoningRuns(models, settings(properties), guard.getIfAvailable(ModelGuard::none),
				modelsReady(tracker), recorder.getIfAvailable(RunRecorder::none),
				new CompositeReasoningStreamListener(listeners.orderedStream().toList()),
				runsElsewhere(properties, storage));
	}

	/**
	 * Reconnects to runs another replica ran are answered from their records, when runs
	 * are recorded.
	 */
	private static RunsElsewhere runsElsewhere(ReasoningProperties properties,
			ObjectProvider<ExperimentStorage> storage) {
		ExperimentStorage experiments = properties.isPersistRuns() ? storage.getIfAvailable() : null;
		return (experiments != null) ? new RecordedRuns(experiments, Schedulers.boundedElastic()) : RunsElsewhere.NONE;
	}

	static StreamSettings settings(ReasoningProperties properties) {
		return new StreamSettings(properties.getTimeout(), budget(properties.getFlash()), budget(properties.getPro()),
				properties.getMaxConcurrentStreams(), properties.getReconnectGrace(), properties.getResumeWindow(),
				properties.getResumeMaxRuns(), properties.getResumeMaxEvents());
	}

	private static ModelBudget budget(ModelProperties model) {
		return new ModelBudget(model.getFirstTokenTimeout(), model.getTimeout(), model.getRetry().getMaxAttempts());
	}

	/**
	 * Whether the {@code vertexAi} init component is READY; without one (a user's own
	 * models, or init tracking off) the models are taken as ready. The tracker is looked
	 * up once, at the first stream: a lookup in the bean factory on every stream cost 2%
	 * of a stream's CPU (docs/performance.md).
	 */
	private static BooleanSupplier modelsReady(ObjectProvider<InitTracker> tracker) {
		SingletonSupplier<Optional<InitTracker>> initTracker = SingletonSupplier
			.of(() -> Optional.ofNullable(tracker.getIfAvailable()));
		return () -> initTracker.obtain()
			.flatMap((available) -> available.status(ReasoningAutoConfiguration.INIT_COMPONENT_NAME))
			.map(InitStatus::initialized)
			.orElse(true);
	}

}
