package io.hardening.reasoning.autoconfigure;

import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnReasoningProvider}.
 */
class OnReasoningProviderCondition extends SpringBootCondition {

	private static final String PROPERTY = "hardening.reasoning.provider";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Provider wanted = (Provider) metadata.getAnnotationAttributes(ConditionalOnReasoningProvider.class.getName())
			.get("value");
		Provider selected = Binder.get(context.getEnvironment()).bind(PROPERTY, Provider.class).orElse(Provider.VERTEX);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnReasoningProvider.class, wanted);
		return (selected == wanted) ? ConditionOutcome.match(message.because(PROPERTY + " is " + selected))
				: ConditionOutcome.noMatch(message.because(PROPERTY + " is " + selected));
	}

}
