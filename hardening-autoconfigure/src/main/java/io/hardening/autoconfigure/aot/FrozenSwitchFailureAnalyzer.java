package io.hardening.autoconfigure.aot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's start-up report for a {@link FrozenSwitchException}: which properties decide
 * differently than when the application was built with Spring AOT, and what to do.
 */
public class FrozenSwitchFailureAnalyzer extends AbstractFailureAnalyzer<FrozenSwitchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, FrozenSwitchException cause) {
		String description = "This application was built with Spring AOT (spring-boot:process-aot), which fixed at"
				+ " build time which of the hardening starter's beans exist. These properties decide differently"
				+ " now:%n    %s".formatted(String.join("%n    ".formatted(), cause.getDiffering()));
		String action = "Build the application with the same values of these properties as it runs with (one build"
				+ " per set of switches), or start it without -Dspring.aot.enabled=true. See docs/performance.md,"
				+ " \"Spring AOT: what is frozen at build time\".";
		return new FailureAnalysis(description, action, cause);
	}

}
