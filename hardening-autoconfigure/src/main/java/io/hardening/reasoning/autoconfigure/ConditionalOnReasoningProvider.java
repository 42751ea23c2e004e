package io.hardening.reasoning.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code hardening.reasoning.provider} binds to the given provider (vertex
 * when it is not set), with the same relaxed rules as the properties class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnReasoningProviderCondition.class)
@interface ConditionalOnReasoningProvider {

	/**
	 * The provider that must be selected.
	 * @return the provider
	 */
	Provider value();

}
