package io.hardening.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates.TypeHintPredicate;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StartupSummaryRuntimeHints}.
 */
class StartupSummaryRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void springSecurityTypesAreRegisteredWhenPresent() {
		new StartupSummaryRuntimeHints().registerHints(this.hints, new StandInClassLoader(getClass().getClassLoader(),
				StartupSummaryAutoConfiguration.HTTP_SECURITY, StartupSummaryAutoConfiguration.SERVER_HTTP_SECURITY));
		assertThat(type(StartupSummaryAutoConfiguration.HTTP_SECURITY)).accepts(this.hints);
		assertThat(type(StartupSummaryAutoConfiguration.SERVER_HTTP_SECURITY)).accepts(this.hints);
	}

	@Test
	void servletContextTypeIsRegisteredWhenPresent() {
		new StartupSummaryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(type(StartupSummaryAutoConfiguration.WEB_APPLICATION_CONTEXT)).accepts(this.hints);
	}

	@Test
	void reactorNettyServerIsRegisteredWhenPresent() {
		new StartupSummaryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(type(ReactorNettyKeepAliveCheck.SERVER_CLASS)).accepts(this.hints);
	}

	@Test
	void typesTheBuildDoesNotHaveAreNotRegistered() {
		// Spring Security is not on this execution's class path.
		new StartupSummaryRuntimeHints().registerHints(this.hints,
				new FilteredClassLoader("reactor.netty", "org.springframework.web.context"));
		assertThat(this.hints.reflection().typeHints()).isEmpty();
	}

	private static TypeHintPredicate type(String name) {
		return RuntimeHintsPredicates.reflection().onType(TypeReference.of(name));
	}

}
