package io.hardening.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PropertyChecks}: what passes is returned, what does not fails with a
 * message that names the property and the value, as Boot's bind report shows it.
 */
class PropertyChecksTests {

	@Test
	void positiveDuration() {
		assertThat(PropertyChecks.positive("p.timeout", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.positive("p.timeout", Duration.ZERO))
			.withMessage("p.timeout must be a positive duration, got PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PropertyChecks.positive("p.timeout", Duration.ofSeconds(-1)))
			.withMessage("p.timeout must be a positive duration, got PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.positive("p.timeout", null))
			.withMessage("p.timeout must be a positive duration, got null");
	}

	@Test
	void notNegativeDurationAndCount() {
		assertThat(PropertyChecks.notNegative("p.grace", Duration.ZERO)).isEqualTo(Duration.ZERO);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PropertyChecks.notNegative("p.grace", Duration.ofMillis(-1)))
			.withMessage("p.grace must be zero or a positive duration, got PT-0.001S");
		assertThat(PropertyChecks.notNegative("p.runs", 0)).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.notNegative("p.runs", -1))
			.withMessage("p.runs must be zero or more, got -1");
	}

	@Test
	void atLeastOne() {
		assertThat(PropertyChecks.atLeastOne("p.max", 1)).isOne();
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.atLeastOne("p.max", 0))
			.withMessage("p.max must be at least 1, got 0");
	}

	@Test
	void betweenIncludesBothEnds() {
		assertThat(PropertyChecks.between("p.depth", 1, 1, 400)).isOne();
		assertThat(PropertyChecks.between("p.depth", 400, 1, 400)).isEqualTo(400);
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.between("p.depth", 401, 1, 400))
			.withMessage("p.depth must be between 1 and 400, got 401");
		assertThat(PropertyChecks.between("p.rate", 1.0, 0.0, 1.0)).isEqualTo(1.0);
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.between("p.rate", -0.1, 0.0, 1.0))
			.withMessage("p.rate must be between 0.0 and 1.0, got -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.between("p.rate", Double.NaN, 0.0, 1.0))
			.withMessageContaining("p.rate");
	}

	@Test
	void httpUrlLosesItsTrailingSlash() {
		assertThat(PropertyChecks.httpUrl("p.url", "https://example.com/")).isEqualTo("https://example.com");
		assertThat(PropertyChecks.httpUrl("p.url", "http://127.0.0.1:8089")).isEqualTo("http://127.0.0.1:8089");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyChecks.httpUrl("p.url", "ftp://x"))
			.withMessage("p.url must be an http or https URL, got 'ftp://x'");
	}

}
