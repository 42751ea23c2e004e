package io.hardening.reasoning.stream;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReasoningStreamRuntimeHints}.
 */
class ReasoningStreamRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void eventDataIsRegisteredForJacksonToIntrospect() {
		new ReasoningStreamRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(EventData.class)).accepts(this.hints);
	}

	@Test
	void noMemberOfEventDataIsOpenedForInvocation() {
		// Jackson writes it as a map through its Map methods: nothing is called
		// reflectively.
		new ReasoningStreamRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(EventData.class)
			.withAnyMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.ACCESS_DECLARED_FIELDS))
			.rejects(this.hints);
	}

}
