package io.hardening.security.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code hardening.security.api-keys} holds at least one non-blank key, in
 * any form it may be bound from (a comma-separated value or indexed elements). An empty
 * {@code HARDENING_SECURITY_API_KEYS} leaves the feature off.
 */
class OnApiKeysConfiguredCondition extends SpringBootCondition {

	private static final String PROPERTY = "hardening.security.api-keys";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("API keys");
		List<String> keys = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		if (keys.stream().anyMatch(StringUtils::hasText)) {
			// The count only: a condition report must never show a key.
			return ConditionOutcome.match(message.found(PROPERTY).items(keys.size() + " key(s)"));
		}
		return ConditionOutcome.noMatch(message.didNotFind(PROPERTY).atAll());
	}

}
