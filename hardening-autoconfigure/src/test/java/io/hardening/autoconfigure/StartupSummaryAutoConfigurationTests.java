package io.hardening.autoconfigure;

import java.nio.file.Path;

import io.hardening.admin.autoconfigure.AdminAutoConfiguration;
import io.hardening.init.autoconfigure.InitAutoConfiguration;
import io.hardening.probes.autoconfigure.ProbesAutoConfiguration;
import io.hardening.reasoning.autoconfigure.ReasoningAutoConfiguration;
import io.hardening.security.autoconfigure.ApiKeyAutoConfiguration;
import io.hardening.storage.autoconfigure.StorageAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StartupSummaryAutoConfiguration}.
 */
class StartupSummaryAutoConfigurationTests {

	@TempDir
	Path root;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withPropertyValues("hardening.reasoning.provider=simulated", "hardening.storage.mode=filesystem",
					"hardening.storage.filesystem.path=" + this.root)
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ReasoningAutoConfiguration.class,
					StorageAutoConfiguration.class, ProbesAutoConfiguration.class, AdminAutoConfiguration.class,
					StartupSummaryAutoConfiguration.class));
	}

	@Test
	void summaryNamesWhatEachFeatureDecided() {
		runner().run((context) -> assertThat(context.getBean(StartupSummary.class).line())
			.contains("reasoning provider simulated, flash simulated-flash, pro simulated-pro")
			.contains("storage mode filesystem, backend filesystem " + this.root)
			.contains("probes /health /healthz /live /ready")
			.contains("admin token not set"));
	}

	@Test
	void summarySaysWhetherTheTokenIsSetNeverWhatItIs() {
		runner().withPropertyValues("hardening.admin.token=s3cr3t-t0ken-value").run((context) -> {
			String line = context.getBean(StartupSummary.class).line();
			assertThat(line).contains("admin token set").doesNotContain("s3cr3t-t0ken-value");
		});
	}

	@Test
	void initContributorSwitchedOffWhileComponentsGateReadinessIsWarned() {
		runner().withConfiguration(AutoConfigurations.of(InitAutoConfiguration.class))
			.withPropertyValues("management.health.init.enabled=false")
			.run((context) -> assertThat(context.getBean(StartupSummary.class).warnings()).singleElement()
				.asString()
				.contains("management.health.init.enabled=false"));
		runner().withConfiguration(AutoConfigurations.of(InitAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(StartupSummary.class).warnings()).isEmpty());
	}

	@Test
	void summaryWithFeaturesOffSaysSo() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(StartupSummaryAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(StartupSummary.class).line())
				.isEqualTo("reasoning off; storage off; api keys not set: /api/** open"));
	}

	// Issue 21: an empty hardening.security.api-keys leaves /api/** open, as documented;
	// the summary says so as it does for the admin token.
	@Test
	void summarySaysApiIsOpenWithoutApiKeys() {
		runner().run((context) -> assertThat(context.getBean(StartupSummary.class).line())
			.contains("; api keys not set: /api/** open"));
		runner().withPropertyValues("hardening.security.api-keys=", "hardening.security.enabled=false")
			.run((context) -> assertThat(context.getBean(StartupSummary.class).line())
				.contains("; api keys off (hardening.security.enabled=false): /api/** open"));
	}

	@Test
	void summaryCountsApiKeysNeverShowsThem() {
		runner().withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class))
			.withPropertyValues("hardening.security.api-keys=key-one-5c1e,key-two-9d7a")
			.run((context) -> assertThat(context.getBean(StartupSummary.class).line())
				.contains("; api keys set (2): /api/** needs X-API-Key")
				.doesNotContain("key-one-5c1e")
				.doesNotContain("key-two-9d7a"));
	}

	@Test
	void summaryOfANonWebApplicationLeavesApiKeysOut() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(StartupSummaryAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(StartupSummary.class).line())
				.isEqualTo("reasoning off; storage off"));
	}

}
