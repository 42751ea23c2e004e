package io.hardening.security.autoconfigure;

import java.util.List;
import java.util.Set;

import io.hardening.probes.autoconfigure.ProbesProperties;
import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.ApiKeyVerifier.Verdict;
import io.hardening.security.web.ApiKeyServletFilter;
import io.hardening.security.web.ApiKeyWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class));

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class));

	@Test
	void reactiveAppWithKeysGetsTheWebFilter() {
		this.reactive.withPropertyValues("hardening.security.api-keys=one,two").run((context) -> {
			assertThat(context).hasSingleBean(ApiKeyWebFilter.class).doesNotHaveBean(ApiKeyServletFilter.class);
			ApiKeyVerifier verifier = context.getBean(ApiKeyVerifier.class);
			assertThat(verifier.keyCount()).isEqualTo(2);
			assertThat(verifier.verify("two")).isEqualTo(Verdict.GRANTED);
		});
	}

	@Test
	void servletAppWithKeysGetsTheServletFilter() {
		this.servlet.withPropertyValues("hardening.security.api-keys[0]=one", "hardening.security.api-keys[1]=two")
			.run((context) -> {
				assertThat(context).hasSingleBean(ApiKeyServletFilter.class).doesNotHaveBean(ApiKeyWebFilter.class);
				assertThat(context.getBean(ApiKeyVerifier.class).keyCount()).isEqualTo(2);
			});
	}

	@Test
	void absentWithoutKeys() {
		this.reactive.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyGuard.class)
			.doesNotHaveBean(ApiKeyWebFilter.class));
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyServletFilter.class));
	}

	@Test
	void absentWhenTheKeysAreEmptyAsAnUnsetEnvironmentVariableLeavesThem() {
		this.reactive.withPropertyValues("hardening.security.api-keys=")
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyWebFilter.class));
		this.servlet.withPropertyValues("hardening.security.api-keys=${HARDENING_TEST_UNSET_VARIABLE:}")
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyServletFilter.class));
		this.servlet.withPropertyValues("hardening.security.api-keys= , ")
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyServletFilter.class));
	}

	@Test
	void disabledByProperty() {
		this.reactive.withPropertyValues("hardening.security.api-keys=one", "hardening.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyWebFilter.class)
				.doesNotHaveBean(ApiKeyVerifier.class));
	}

	@Test
	void absentOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class))
			.withPropertyValues("hardening.security.api-keys=one")
			.run((context) -> assertThat(context).doesNotHaveBean(ApiKeyVerifier.class));
	}

	@Test
	void backsOffToAUsersGuard() {
		this.reactive.withPropertyValues("hardening.security.api-keys=one")
			.withUserConfiguration(UserGuardConfiguration.class)
			.run((context) -> assertThat(context.getBean(ApiKeyWebFilter.class)).isNotNull()
				.satisfies((filter) -> assertThat(context.getBean(ApiKeyGuard.class))
					.isSameAs(context.getBean("userGuard"))));
	}

	@Test
	void probePathsConfiguredUnderApiStayOpen() {
		this.reactive
			.withPropertyValues("hardening.security.api-keys=one", "hardening.probes.paths.ready=/api/ready",
					"management.endpoints.web.base-path=/api/manage")
			.withUserConfiguration(ProbesPropertiesConfiguration.class)
			.run((context) -> {
				ApiKeyGuard guard = context.getBean(ApiKeyGuard.class);
				assertThat(guard.check("GET", "/api/ready", null)).isEqualTo(Verdict.GRANTED);
				assertThat(guard.check("GET", "/api/manage/prometheus", null)).isEqualTo(Verdict.GRANTED);
				assertThat(guard.check("GET", "/api/storage/experiments", null)).isEqualTo(Verdict.MISSING);
			});
	}

	@Test
	void conditionReportNamesTheCountNeverAKey() {
		this.reactive.withPropertyValues("hardening.security.api-keys=visible-in-no-report").run((context) -> {
			StringBuilder messages = new StringBuilder();
			ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.values()
				.forEach((outcomes) -> outcomes
					.forEach((outcome) -> messages.append(outcome.getOutcome().getMessage()).append('\n')));
			assertThat(messages).contains("1 key(s)").doesNotContain("visible-in-no-report");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserGuardConfiguration {

		@Bean
		ApiKeyGuard userGuard() {
			return new ApiKeyGuard(new ApiKeyVerifier(List.of("user")), "/actuator", Set.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProbesProperties.class)
	static class ProbesPropertiesConfiguration {

	}

}
