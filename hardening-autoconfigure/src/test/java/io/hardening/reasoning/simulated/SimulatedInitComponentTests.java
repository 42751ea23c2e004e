package io.hardening.reasoning.simulated;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SimulatedInitComponent}.
 */
class SimulatedInitComponentTests {

	@Test
	void initializeFailsTheFirstAttemptsThenSucceeds() {
		SimulatedInitComponent component = new SimulatedInitComponent("vertexAi", 2);
		assertThat(component.name()).isEqualTo("vertexAi");
		assertThatIllegalStateException().isThrownBy(component::initialize)
			.withMessage("Simulated init failure 1 of 2 (hardening.reasoning.simulated.init-failures=2)");
		assertThatIllegalStateException().isThrownBy(component::initialize)
			.withMessageContaining("Simulated init failure 2 of 2");
		assertThatNoException().isThrownBy(component::initialize);
		assertThatNoException().isThrownBy(component::initialize);
	}

	@Test
	void initializeWithNoFailuresSucceedsAtOnce() {
		assertThatNoException().isThrownBy(new SimulatedInitComponent("vertexAi", 0)::initialize);
	}

}
