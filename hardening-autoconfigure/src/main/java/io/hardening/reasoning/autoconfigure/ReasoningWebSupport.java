package io.hardening.reasoning.autoconfigure;

import java.util.function.Supplier;

import io.hardening.init.InitStatus;
import io.hardening.init.InitTracker;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.web.ReasoningWeb;
import io.hardening.support.Sanitizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What the reactive and servlet configurations of the endpoint share.
 */
final class ReasoningWebSupport {

	private static final int MAX_REASON_LENGTH = 300;

	private ReasoningWebSupport() {
	}

	static ReasoningWeb web(ReasoningRuns runs, ReasoningProperties properties, ObjectProvider<JsonMapper> mapper,
			ObjectProvider<InitTracker> tracker) {
		return new ReasoningWeb(runs, properties.getMaxQueryLength(), properties.getHeartbeat(),
				properties.getReconnectGrace(), mapper.getIfAvailable(JsonMapper::shared), notReadyReason(tracker));
	}

	/**
	 * The sanitized last error of the {@code vertexAi} init component, shown with a 503.
	 */
	private static Supplier<String> notReadyReason(ObjectProvider<InitTracker> tracker) {
		return () -> {
			InitTracker available = tracker.getIfAvailable();
			if (available == null) {
				return null;
			}
			return available.status(ReasoningAutoConfiguration.INIT_COMPONENT_NAME)
				.map(InitStatus::lastError)
				.map((error) -> Sanitizer.sanitize(error, MAX_REASON_LENGTH))
				.orElse(null);
		};
	}

}
