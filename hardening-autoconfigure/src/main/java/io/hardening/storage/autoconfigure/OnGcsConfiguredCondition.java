package io.hardening.storage.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a bucket is set (not blank) and the mode is not {@code filesystem}.
 */
class OnGcsConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return outcome(context.getEnvironment());
	}

	static ConditionOutcome outcome(Environment environment) {
		String mode = environment.getProperty("hardening.storage.mode", "auto").strip();
		if ("filesystem".equalsIgnoreCase(mode)) {
			return ConditionOutcome.noMatch("hardening.storage.mode is filesystem");
		}
		if (!StringUtils.hasText(environment.getProperty("hardening.storage.gcs.bucket"))) {
			return ConditionOutcome.noMatch("hardening.storage.gcs.bucket is not set");
		}
		return ConditionOutcome.match("hardening.storage.gcs.bucket is set and mode is " + mode);
	}

}
