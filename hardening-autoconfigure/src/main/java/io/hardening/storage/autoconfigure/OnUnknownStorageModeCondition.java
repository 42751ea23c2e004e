package io.hardening.storage.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code hardening.storage.mode} is set to a value that none of the mode
 * configurations matches, so that start-up names the property instead of failing later
 * for want of a storage bean.
 */
class OnUnknownStorageModeCondition extends SpringBootCondition {

	static final Set<String> MODES = Set.of("auto", "gcs", "filesystem");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String mode = context.getEnvironment().getProperty("hardening.storage.mode");
		if (mode == null || MODES.contains(mode.strip().toLowerCase(Locale.ROOT))) {
			return ConditionOutcome.noMatch("hardening.storage.mode is unset or one of " + MODES);
		}
		return ConditionOutcome.match("hardening.storage.mode '" + mode + "' is not one of " + MODES);
	}

}
