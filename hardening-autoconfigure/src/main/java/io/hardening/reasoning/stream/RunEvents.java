package io.hardening.reasoning.stream;

import java.util.Map;

import io.hardening.reasoning.TokenUsage;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The terminal events of a run and the outcome each stands for.
 */
final class RunEvents {

	private static final Log logger = LogFactory.getLog(RunEvents.class);

	private RunEvents() {
	}

	/**
	 * The last event once both models are done: {@code complete} when at least one
	 * answered, else {@code error} ({@code timeout} when every model ran out of time,
	 * {@code all_models_failed} otherwise).
	 */
	static ReasoningEvent end(ModelLeg flash, ModelLeg pro, long durationMs) {
		if (flash.answered() || pro.answered()) {
			return ReasoningEvent.of(ReasoningEvent.COMPLETE,
					EventData.ofPairs("flash_response", flash.answered() ? flash.response() : null, "pro_response",
							pro.answered() ? pro.response() : null, "duration_ms", durationMs, "partial",
							!(flash.answered() && pro.answered()), "usage", usage(flash.usage(), pro.usage())));
		}
		boolean timedOut = "timeout".equals(flash.failureCode()) && "timeout".equals(pro.failureCode());
		return error("Both models failed (flash: " + flash.failureCode() + ", pro: " + pro.failureCode() + ")",
				timedOut ? "timeout" : "all_models_failed");
	}

	/**
	 * The {@code usage} of a {@code complete} event: each model's, {@code null} for one
	 * that reported none.
	 */
	static Map<String, Object> usage(TokenUsage flash, TokenUsage pro) {
		return EventData.of("flash", (flash != null) ? flash.toMap() : null, "pro", (pro != null) ? pro.toMap() : null);
	}

	static ReasoningEvent shuttingDown() {
		return error("The application is shutting down: retry on another instance", "shutting_down");
	}

	static ReasoningEvent resumeUnavailable() {
		return error("That stream cannot be resumed here: it is unknown, expired or cancelled; start a new query",
				"resume_unavailable");
	}

	static ReasoningEvent internalError(Throwable failure) {
		String description = Sanitizer.sanitize(Sanitizer.describe(failure), 300);
		// The message may hold secrets: log it sanitized, the stack trace only at DEBUG.
		logger.error("Reasoning stream failed: " + description);
		logger.debug("Reasoning stream failure", failure);
		return error("The stream failed: " + description, "internal_error");
	}

	static StreamOutcome outcome(ReasoningEvent terminal) {
		if (terminal == null || ReasoningEvent.ERROR.equals(terminal.name())) {
			return StreamOutcome.ERROR;
		}
		return Boolean.TRUE.equals(terminal.data().get("partial")) ? StreamOutcome.PARTIAL : StreamOutcome.COMPLETE;
	}

	private static ReasoningEvent error(String message, String code) {
		return ReasoningEvent.of(ReasoningEvent.ERROR, EventData.of("error", message, "code", code));
	}

}
