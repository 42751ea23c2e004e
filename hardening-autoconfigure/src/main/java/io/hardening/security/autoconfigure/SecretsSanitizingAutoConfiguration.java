package io.hardening.security.autoconfigure;

import io.hardening.security.actuate.SecretPropertiesSanitizingFunction;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that keeps the starter's secrets out of {@code /actuator/env} and
 * {@code /actuator/configprops}, even when they show values. Independent of the API key
 * switch and of Spring Security: the secrets are masked whenever Actuator is present.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public final class SecretsSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "hardeningSecretsSanitizingFunction")
	SecretPropertiesSanitizingFunction hardeningSecretsSanitizingFunction() {
		return new SecretPropertiesSanitizingFunction();
	}

}
