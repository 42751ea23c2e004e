package io.hardening.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HardeningDefaultsEnvironmentPostProcessor}.
 */
class HardeningDefaultsEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void geminiApiKeyIsReadFromTheDocumentedVariable() {
		this.environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("HARDENING_REASONING_GEMINI_API_KEY", "AIzaFromTheEnvironment")));
		postProcess();
		assertThat(apiKey()).isEqualTo("AIzaFromTheEnvironment");
	}

	@Test
	void applicationValuesWinOverEveryDefault() {
		this.environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("HARDENING_REASONING_GEMINI_API_KEY", "AIzaFromTheEnvironment",
									"HARDENING_REASONING_GEMINIAPI_APIKEY", "AIzaBoundByName",
									"MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health")));
		postProcess();
		assertThat(this.environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		assertThat(apiKey()).isEqualTo("AIzaBoundByName");
	}

	@Test
	void withoutTheVariableTheKeyIsEmpty() {
		postProcess();
		assertThat(apiKey()).isEmpty();
		assertThat(this.environment.getProperty("logging.pattern.correlation")).contains("%X{requestId:-}");
	}

	@Test
	void edgeTimeoutsOutlastTheHeartbeatAndTheRequestLineHoldsALongQuery() {
		postProcess();
		Binder binder = Binder.get(this.environment);
		java.time.Duration heartbeat = java.time.Duration.ofSeconds(15);
		assertThat(binder.bind("server.netty.idle-timeout", java.time.Duration.class).get()).isGreaterThan(heartbeat);
		assertThat(binder.bind("server.tomcat.connection-timeout", java.time.Duration.class).get())
			.isGreaterThan(heartbeat);
		assertThat(binder.bind("server.tomcat.keep-alive-timeout", java.time.Duration.class).get())
			.isGreaterThan(heartbeat);
		assertThat(binder.bind("server.netty.max-initial-line-length", org.springframework.util.unit.DataSize.class)
			.get()
			.toBytes()).isGreaterThan(30000);
	}

	private String apiKey() {
		return Binder.get(this.environment).bind("hardening.reasoning.gemini-api.api-key", String.class).orElse("");
	}

	private void postProcess() {
		new HardeningDefaultsEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

}
