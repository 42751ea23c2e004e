package io.hardening.reasoning.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the streaming endpoint ({@code /api/reasoning/query}); the
 * models' own settings are in {@link ReasoningProperties}.
 */
@ConfigurationProperties("hardening.reasoning")
public class ReasoningStreamProperties {

	/**
	 * Budget of a whole stream: every stream ends with a complete or error event within
	 * it. Each model's own timeout is capped by it.
	 */
	private Duration timeout = Duration.ofSeconds(120);

	/**
	 * Interval of the comment lines that keep proxies from closing an idle stream.
	 */
	private Duration heartbeat = Duration.ofSeconds(15);

	/**
	 * Longest query accepted, in characters.
	 */
	private int maxQueryLength = 10000;

	/**
	 * Most streams running at once; more are refused with 429. Also sizes the model
	 * clients' connection pool (two connections a stream).
	 */
	private int maxConcurrentStreams = 256;

	/**
	 * How long a stream whose client left goes on, waiting for a reconnect with
	 * Last-Event-ID, before both model calls are cancelled. 0 cancels at once.
	 */
	private Duration reconnectGrace = Duration.ofSeconds(5);

	/**
	 * How long a finished stream's events are kept for a client that reconnects with
	 * Last-Event-ID.
	 */
	private Duration resumeWindow = Duration.ofSeconds(60);

	/**
	 * Most finished streams kept for reconnects; the oldest are dropped first.
	 */
	private int resumeMaxRuns = 256;

	/**
	 * Most events kept per stream for reconnects; a reconnect that needs older ones gets
	 * resume_unavailable.
	 */
	private int resumeMaxEvents = 2000;

	/**
	 * Whether to save every finished stream as a run record (an experiment whose id
	 * starts with run-) through the storage bean.
	 */
	private boolean persistRuns = true;

	/**
	 * The HTTP endpoint.
	 */
	private final Web web = new Web();

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = ReasoningProperties.positive("hardening.reasoning.timeout", timeout);
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = ReasoningProperties.positive("hardening.reasoning.heartbeat", heartbeat);
	}

	public int getMaxQueryLength() {
		return this.maxQueryLength;
	}

	public void setMaxQueryLength(int maxQueryLength) {
		this.maxQueryLength = atLeastOne("hardening.reasoning.max-query-length", maxQueryLength);
	}

	public int getMaxConcurrentStreams() {
		return this.maxConcurrentStreams;
	}

	public void setMaxConcurrentStreams(int maxConcurrentStreams) {
		this.maxConcurrentStreams = atLeastOne("hardening.reasoning.max-concurrent-streams", maxConcurrentStreams);
	}

	public Duration getReconnectGrace() {
		return this.reconnectGrace;
	}

	public void setReconnectGrace(Duration reconnectGrace) {
		this.reconnectGrace = ReasoningProperties.notNegative("hardening.reasoning.reconnect-grace", reconnectGrace);
	}

	public Duration getResumeWindow() {
		return this.resumeWindow;
	}

	public void setResumeWindow(Duration resumeWindow) {
		this.resumeWindow = ReasoningProperties.notNegative("hardening.reasoning.resume-window", resumeWindow);
	}

	public int getResumeMaxRuns() {
		return this.resumeMaxRuns;
	}

	public void setResumeMaxRuns(int resumeMaxRuns) {
		Assert.isTrue(resumeMaxRuns >= 0,
				() -> "hardening.reasoning.resume-max-runs must be zero or more, got " + resumeMaxRuns);
		this.resumeMaxRuns = resumeMaxRuns;
	}

	public int getResumeMaxEvents() {
		return this.resumeMaxEvents;
	}

	public void setResumeMaxEvents(int resumeMaxEvents) {
		this.resumeMaxEvents = atLeastOne("hardening.reasoning.resume-max-events", resumeMaxEvents);
	}

	public boolean isPersistRuns() {
		return this.persistRuns;
	}

	public void setPersistRuns(boolean persistRuns) {
		this.persistRuns = persistRuns;
	}

	public Web getWeb() {
		return this.web;
	}

	private static int atLeastOne(String property, int value) {
		Assert.isTrue(value >= 1, () -> property + " must be at least 1, got " + value);
		return value;
	}

	/**
	 * The HTTP endpoint.
	 */
	public static class Web {

		/**
		 * Whether to serve POST and GET /api/reasoning/query.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
