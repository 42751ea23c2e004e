package io.hardening.reasoning.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for the Flash and Pro model clients.
 */
@ConfigurationProperties("hardening.reasoning")
public class ReasoningProperties {

	private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

	private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]*");

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
	private final Model flash = new Model().named("flash", "gemini-3.8-flash");

	/**
	 * The thorough model.
	 */
	private final Model pro = new Model().named("pro", "gemini-3.1-pro-preview");

	/**
	 * Gemini on Vertex AI.
	 */
	private final Vertex vertex = new Vertex();

	/**
	 * The Gemini Developer API.
	 */
	private final GeminiApi geminiApi = new GeminiApi();

	/**
	 * The built-in simulator.
	 */
	private final Simulated simulated = new Simulated();

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

	public Model getFlash() {
		return this.flash;
	}

	public Model getPro() {
		return this.pro;
	}

	public Vertex getVertex() {
		return this.vertex;
	}

	public GeminiApi getGeminiApi() {
		return this.geminiApi;
	}

	public Simulated getSimulated() {
		return this.simulated;
	}

	static Duration positive(String property, Duration value) {
		Assert.isTrue(value != null && value.compareTo(Duration.ZERO) > 0,
				() -> property + " must be a positive duration, got " + value);
		return value;
	}

	static Duration notNegative(String property, Duration value) {
		Assert.isTrue(value != null && !value.isNegative(),
				() -> property + " must be zero or a positive duration, got " + value);
		return value;
	}

	static double rate(String property, double value) {
		Assert.isTrue(value >= 0.0 && value <= 1.0, () -> property + " must be between 0.0 and 1.0, got " + value);
		return value;
	}

	static String url(String property, String value) {
		Assert.isTrue(value != null && (value.startsWith("http://") || value.startsWith("https://")),
				() -> property + " must be an http or https URL, got '" + value + "'");
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
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

	/**
	 * One model: its id and time budgets.
	 */
	public static class Model {

		private String prefix = "hardening.reasoning.model.";

		/**
		 * Model id. Defaults to gemini-3.8-flash for flash and gemini-3.1-pro-preview for
		 * pro (Google listed no stable Pro id then): confirm them against Google's model
		 * list, since models are retired.
		 */
		private String model;

		/**
		 * Longest wait for the first piece of a streamed answer.
		 */
		private Duration firstTokenTimeout = Duration.ofSeconds(30);

		/**
		 * Budget of a whole call: a call still running after it fails with a timeout.
		 */
		private Duration timeout = Duration.ofSeconds(120);

		Model named(String name, String defaultModel) {
			this.prefix = "hardening.reasoning." + name + ".";
			this.model = defaultModel;
			return this;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			Assert.isTrue(model != null && MODEL_ID.matcher(model).matches(),
					() -> this.prefix + "model must be a model id such as gemini-3.8-flash, got '" + model + "'");
			this.model = model;
		}

		public Duration getFirstTokenTimeout() {
			return this.firstTokenTimeout;
		}

		public void setFirstTokenTimeout(Duration firstTokenTimeout) {
			this.firstTokenTimeout = positive(this.prefix + "first-token-timeout", firstTokenTimeout);
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = positive(this.prefix + "timeout", timeout);
		}

	}

	/**
	 * Gemini on Vertex AI.
	 */
	public static class Vertex {

		/**
		 * Google Cloud project that is billed for the calls. Required with the vertex
		 * provider.
		 */
		private String projectId;

		/**
		 * Location that serves the models: global (host aiplatform.googleapis.com) or a
		 * region such as us-central1 (host us-central1-aiplatform.googleapis.com).
		 */
		private String location = "global";

		/**
		 * Base URL that replaces the one computed from the location, for a local stand-in
		 * in tests.
		 */
		private String baseUrl;

		public String getProjectId() {
			return this.projectId;
		}

		public void setProjectId(String projectId) {
			Assert.isTrue(projectId == null || !projectId.contains("/"),
					() -> "hardening.reasoning.vertex.project-id must not contain '/', got '" + projectId + "'");
			this.projectId = StringUtils.hasText(projectId) ? projectId.strip() : null;
		}

		public String getLocation() {
			return this.location;
		}

		public void setLocation(String location) {
			Assert.isTrue(location != null && LOCATION.matcher(location).matches(),
					() -> "hardening.reasoning.vertex.location must be global or a region such as us-central1, got '"
							+ location + "'");
			this.location = location;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = StringUtils.hasText(baseUrl) ? url("hardening.reasoning.vertex.base-url", baseUrl) : null;
		}

	}

	/**
	 * The Gemini Developer API.
	 */
	public static class GeminiApi {

		/**
		 * API key, sent in the x-goog-api-key header. Set it through the
		 * HARDENING_REASONING_GEMINI_API_KEY environment variable rather than a file.
		 */
		private String apiKey;

		/**
		 * Base URL of the API.
		 */
		private String baseUrl = "https://generativelanguage.googleapis.com";

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = url("hardening.reasoning.gemini-api.base-url", baseUrl);
		}

	}

	/**
	 * The built-in simulator.
	 */
	public static class Simulated {

		/**
		 * Time the simulated flash model takes for a whole answer, spread over its
		 * pieces.
		 */
		private Duration flashLatency = Duration.ofMillis(300);

		/**
		 * Time the simulated pro model takes for a whole answer, spread over its pieces.
		 */
		private Duration proLatency = Duration.ofMillis(900);

		/**
		 * Share of the simulated flash model's calls that fail, from 0.0 to 1.0.
		 */
		private double flashFailureRate = 0.0;

		/**
		 * Share of the simulated pro model's calls that fail, from 0.0 to 1.0.
		 */
		private double proFailureRate = 0.0;

		/**
		 * How many first attempts of the vertexAi init component fail.
		 */
		private int initFailures = 0;

		/**
		 * Seed of the failure decisions: the same seed and order of calls give the same
		 * failures.
		 */
		private long seed = 0;

		public Duration getFlashLatency() {
			return this.flashLatency;
		}

		public void setFlashLatency(Duration flashLatency) {
			this.flashLatency = notNegative("hardening.reasoning.simulated.flash-latency", flashLatency);
		}

		public Duration getProLatency() {
			return this.proLatency;
		}

		public void setProLatency(Duration proLatency) {
			this.proLatency = notNegative("hardening.reasoning.simulated.pro-latency", proLatency);
		}

		public double getFlashFailureRate() {
			return this.flashFailureRate;
		}

		public void setFlashFailureRate(double flashFailureRate) {
			this.flashFailureRate = rate("hardening.reasoning.simulated.flash-failure-rate", flashFailureRate);
		}

		public double getProFailureRate() {
			return this.proFailureRate;
		}

		public void setProFailureRate(double proFailureRate) {
			this.proFailureRate = rate("hardening.reasoning.simulated.pro-failure-rate", proFailureRate);
		}

		public int getInitFailures() {
			return this.initFailures;
		}

		public void setInitFailures(int initFailures) {
			Assert.isTrue(initFailures >= 0,
					() -> "hardening.reasoning.simulated.init-failures must be zero or more, got " + initFailures);
			this.initFailures = initFailures;
		}

		public long getSeed() {
			return this.seed;
		}

		public void setSeed(long seed) {
			this.seed = seed;
		}

	}

}
