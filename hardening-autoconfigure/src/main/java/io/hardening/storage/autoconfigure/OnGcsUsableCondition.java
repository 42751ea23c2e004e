package io.hardening.storage.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the GCS storage can be built: the client is on the classpath, a bucket is
 * set and the mode is not {@code filesystem} (the conditions of
 * {@link GcsStorageConfiguration}). {@link Not} matches otherwise.
 */
class OnGcsUsableCondition extends SpringBootCondition {

	static final String STORAGE_CLIENT = "com.google.cloud.storage.Storage";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (!ClassUtils.isPresent(STORAGE_CLIENT, context.getClassLoader())) {
			return ConditionOutcome.noMatch(StorageBackendConfigurations.NO_CLIENT);
		}
		return OnGcsConfiguredCondition.outcome(context.getEnvironment());
	}

	/**
	 * Matches when the GCS storage cannot be built.
	 */
	static class Not extends SpringBootCondition {

		private final OnGcsUsableCondition usable = new OnGcsUsableCondition();

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionOutcome outcome = this.usable.getMatchOutcome(context, metadata);
			return new ConditionOutcome(!outcome.isMatch(), outcome.getConditionMessage());
		}

	}

}
