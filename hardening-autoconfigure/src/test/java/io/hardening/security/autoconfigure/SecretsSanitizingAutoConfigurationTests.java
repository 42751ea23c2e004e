package io.hardening.security.autoconfigure;

import io.hardening.security.actuate.SecretPropertiesSanitizingFunction;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecretsSanitizingAutoConfiguration.class));

	@Test
	void registersTheSanitizingFunctionByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SecretPropertiesSanitizingFunction.class));
	}

	@Test
	void registersItWithoutApiKeysAndWithTheFeatureDisabled() {
		this.runner.withPropertyValues("hardening.security.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SecretPropertiesSanitizingFunction.class));
	}

	@Test
	void absentWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SecretPropertiesSanitizingFunction.class));
	}

	@Test
	void backsOffToAUsersFunctionOfTheSameName() {
		this.runner.withUserConfiguration(UserFunctionConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SecretPropertiesSanitizingFunction.class)
				.hasBean("hardeningSecretsSanitizingFunction"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFunctionConfiguration {

		@Bean
		SanitizingFunction hardeningSecretsSanitizingFunction() {
			return SanitizableData::withSanitizedValue;
		}

	}

}
