package io.hardening.storage.autoconfigure;

import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.ReactiveExperimentStorage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reactive face of the storage, for applications with Reactor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "reactor.core.publisher.Mono")
class ReactiveStorageConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveExperimentStorage reactiveExperimentStorage(ExperimentStorage experimentStorage) {
		return new ReactiveExperimentStorage(experimentStorage);
	}

}
