package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.stream.CompositeReasoningStreamListener;
import io.hardening.reasoning.stream.ReasoningStreamListener;
import io.hardening.reasoning.stream.RunRecorder;
import io.hardening.reasoning.stream.StorageRunRecorder;
import io.hardening.storage.ReactiveExperimentStorage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Run records saved through the experiment storage, when there is one and
 * {@code hardening.reasoning.persist-runs} is on. Without it nothing is recorded.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(ReactiveExperimentStorage.class)
@ConditionalOnBooleanProperty(name = "hardening.reasoning.persist-runs", matchIfMissing = true)
class ReasoningRecorderConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunRecorder reasoningRunRecorder(ReactiveExperimentStorage storage, ObjectProvider<JsonMapper> mapper,
			ObjectProvider<ReasoningStreamListener> listeners) {
		return new StorageRunRecorder(storage, mapper.getIfAvailable(JsonMapper::shared),
				new CompositeReasoningStreamListener(listeners.orderedStream().toList()));
	}

}
