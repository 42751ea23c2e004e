package io.hardening.reasoning.autoconfigure;

import java.time.Duration;

import io.hardening.reasoning.autoconfigure.ReasoningProperties.Provider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReasoningProperties}.
 */
class ReasoningPropertiesTests {

	private final ReasoningProperties properties = new ReasoningProperties();

	@Test
	void defaults() {
		assertThat(this.properties.isEnabled()).isTrue();
		assertThat(this.properties.getProvider()).isEqualTo(Provider.VERTEX);
		assertThat(this.properties.getFlash().getModel()).isEqualTo("gemini-3.8-flash");
		assertThat(this.properties.getPro().getModel()).isEqualTo("gemini-3.1-pro-preview");
		assertThat(this.properties.getFlash().getFirstTokenTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.properties.getPro().getTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(this.properties.getVertex().getLocation()).isEqualTo("global");
		assertThat(this.properties.getGeminiApi().getBaseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
		assertThat(this.properties.getSimulated().getFlashLatency()).isEqualTo(Duration.ofMillis(300));
		assertThat(this.properties.getSimulated().getProLatency()).isEqualTo(Duration.ofMillis(900));
	}

	@Test
	void failureRateOutOfRangeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getSimulated().setProFailureRate(-0.1))
			.withMessageContaining("hardening.reasoning.simulated.pro-failure-rate");
	}

	@Test
	void modelIdWithSlashIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getPro().setModel("../x"))
			.withMessageContaining("hardening.reasoning.pro.model");
	}

	@Test
	void zeroTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getFlash().setTimeout(Duration.ZERO))
			.withMessageContaining("hardening.reasoning.flash.timeout");
	}

	@Test
	void locationMustLookLikeARegion() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.properties.getVertex().setLocation("evil.example.com/"))
			.withMessageContaining("hardening.reasoning.vertex.location");
	}

	@Test
	void baseUrlMustBeHttpAndLosesTrailingSlash() {
		this.properties.getGeminiApi().setBaseUrl("http://127.0.0.1:8089/");
		assertThat(this.properties.getGeminiApi().getBaseUrl()).isEqualTo("http://127.0.0.1:8089");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getVertex().setBaseUrl("ftp://x"))
			.withMessageContaining("hardening.reasoning.vertex.base-url");
	}

}
