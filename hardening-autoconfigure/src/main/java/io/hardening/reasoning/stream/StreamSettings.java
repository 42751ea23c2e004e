package io.hardening.reasoning.stream;

import java.time.Duration;

/**
 * What bounds the streams of one application.
 *
 * @param timeout budget of a whole stream
 * @param flash budgets of the flash model's calls
 * @param pro budgets of the pro model's calls
 * @param maxConcurrentStreams most streams running at once
 * @param reconnectGrace how long a run whose client left waits for a reconnect
 * @param resumeWindow how long a finished run is kept for reconnects
 * @param resumeMaxRuns most finished runs kept
 * @param resumeMaxEvents most events kept per run
 */
public record StreamSettings(Duration timeout, ModelBudget flash, ModelBudget pro, int maxConcurrentStreams,
		Duration reconnectGrace, Duration resumeWindow, int resumeMaxRuns, int resumeMaxEvents) {

}
