package io.hardening.reasoning.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.StringUtils;

import static io.hardening.support.PropertyChecks.atLeastOne;
import static io.hardening.support.PropertyChecks.notNegative;
import static io.hardening.support.PropertyChecks.positive;

/**
 * Configuration properties of reasoning ({@code hardening.reasoning}): the model clients
 * and the streaming endpoint ({@code /api/reasoning/query}).
 */
@ConfigurationProperties("hardening.reasoning")
public class ReasoningProperties {

	/**
	 * Whether to create the model clients.
	 */
	private boolean enabled = true;

	/**
	 * Which service answers: vertex (Gemini on Vertex AI), gemini-api (the Gemini
	 * Developer API) or simulated (a built-in deterministic simulator, no network).
	 */
	private Provider provider = Provider.VERTEX;

	/**
	 * Budget of each step of a vertexAi init attempt: the credentials check, then the
	 * models' countTokens checks, run in parallel.
	 */
	private Duration initTimeout = Duration.ofSeconds(10);

	/**
	 * The fast model.
	 */
	@NestedConfigurationProperty
	private final ModelProperties flash = new ModelProperties().named("flash", "gemini-3.8-flash");

	/**
	 * The thorough model.
	 */
	@NestedConfigurationProperty
	private final ModelProperties pro = new ModelProperties().named("pro", "gemini-3.1-pro-preview");

	/**
	 * Gemini on Vertex AI.
	 */
	@NestedConfigurationProperty
	private final VertexProperties vertex = new VertexProperties();

	/**
	 * The Gemini Developer API.
	 */
	@NestedConfigurationProperty
	private final GeminiApiProperties geminiApi = new GeminiApiProperties();

	/**
	 * The built-in simulator.
	 */
	@NestedConfigurationProperty
	private final SimulatedProperties simulated = new SimulatedProperties();

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
	 * System instruction sent to both models before every query (Gemini's
	 * systemInstruction), such as "Answer in Markdown". Unset sends none.
	 */
	private String systemInstruction;

	/**
	 * The HTTP endpoint.
	 */
	private final Web web = new Web();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Provider getProvider() {
		return this.provider;
	}

	public void setProvider(Provider provider) {
		this.provider = provider;
	}

	public Duration getInitTimeout() {
		return this.initTimeout;
	}

	public void setInitTimeout(Duration initTimeout) {
		this.initTimeout = positive("hardening.reasoning.init-timeout", initTimeout);
	}

	public ModelProperties getFlash() {
		return this.flash;
	}

	public ModelProperties getPro() {
		return this.pro;
	}

	public VertexProperties getVertex() {
		return this.vertex;
	}

	public GeminiApiProperties getGeminiApi() {
		return this.geminiApi;
	}

	public SimulatedProperties getSimulated() {
		return this.simulated;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = positive("hardening.reasoning.timeout", timeout);
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = positive("hardening.reasoning.heartbeat", heartbeat);
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
		this.reconnectGrace = notNegative("hardening.reasoning.reconnect-grace", reconnectGrace);
	}

	public Duration getResumeWindow() {
		return this.resumeWindow;
	}

	public void setResumeWindow(Duration resumeWindow) {
		this.resumeWindow = notNegative("hardening.reasoning.resume-window", resumeWindow);
	}

	public int getResumeMaxRuns() {
		return this.resumeMaxRuns;
	}

	public void setResumeMaxRuns(int resumeMaxRuns) {
		this.resumeMaxRuns = notNegative("hardening.reasoning.resume-max-runs", resumeMaxRuns);
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

	public String getSystemInstruction() {
		return this.systemInstruction;
	}

	public void setSystemInstruction(String systemInstruction) {
		this.systemInstruction = StringUtils.hasText(systemInstruction) ? systemInstruction : null;
	}

	public Web getWeb() {
		return this.web;
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

	/**
	 * Which service answers.
	 */
	public enum Provider {

		/**
		 * Gemini on Vertex AI, authenticated with Application Default Credentials.
		 */
		VERTEX,

		/**
		 * The Gemini Developer API, authenticated with an API key.
		 */
		GEMINI_API,

		/**
		 * A built-in deterministic simulator, no network.
		 */
		SIMULATED

	}

}
