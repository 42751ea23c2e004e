package io.hardening.reasoning;

import io.hardening.reasoning.ModelException.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelException}.
 */
class ModelExceptionTests {

	@Test
	void messageIsSanitized() {
		ModelException exception = new ModelException(Kind.FAILED, "m",
				"call with key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW and Bearer ya29.secret failed");
		assertThat(exception.getMessage()).doesNotContain("AIzaSy").doesNotContain("ya29.secret").contains("***");
	}

	@Test
	void transientKindsAreRateLimitUnavailabilityAndTimeout() {
		assertThat(new ModelException(Kind.RATE_LIMITED, "m", "x").isTransient()).isTrue();
		assertThat(new ModelException(Kind.UNAVAILABLE, "m", "x").isTransient()).isTrue();
		assertThat(new ModelException(Kind.TIMEOUT, "m", "x").isTransient()).isTrue();
		assertThat(new ModelException(Kind.NOT_FOUND, "m", "x").isTransient()).isFalse();
		assertThat(new ModelException(Kind.BAD_REQUEST, "m", "x").isTransient()).isFalse();
	}

}
