package io.hardening.reasoning.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

import static io.hardening.support.PropertyChecks.between;
import static io.hardening.support.PropertyChecks.positive;

/**
 * One model ({@code hardening.reasoning.flash} or {@code hardening.reasoning.pro}): its
 * id, time budgets, retries and generation settings.
 */
public class ModelProperties {

	private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

	static final Set<String> THINKING_LEVELS = Set.of("minimal", "low", "medium", "high");

	static final double MAX_TEMPERATURE = 2.0;

	static final int MAX_OUTPUT_TOKENS = 65536;

	static final int MAX_THINKING_BUDGET = 32768;

	private String prefix = "hardening.reasoning.model.";

	/**
	 * Model id. Defaults to gemini-3.8-flash for flash and gemini-3.1-pro-preview for pro
	 * (Google listed no stable Pro id then): confirm them against Google's model list,
	 * since models are retired.
	 */
	private String model;

	/**
	 * Longest wait for the first piece of a streamed answer, retries included.
	 */
	private Duration firstTokenTimeout = Duration.ofSeconds(30);

	/**
	 * Budget of a whole call, retries included: a call still running after it fails with
	 * a timeout.
	 */
	private Duration timeout = Duration.ofSeconds(120);

	/**
	 * Randomness of the answers, 0.0 to 2.0. Unset uses the model's default.
	 */
	private Double temperature;

	/**
	 * Most tokens of an answer, 1 to 65536; a longer answer is cut and completes with
	 * finish_reason max_tokens. Unset uses the model's limit.
	 */
	private Integer maxOutputTokens;

	/**
	 * How much a Gemini 3 model thinks before answering: minimal, low, medium or high
	 * (Pro takes low and high). Unset uses the model's default. Not together with
	 * thinking-budget.
	 */
	private String thinkingLevel;

	/**
	 * Most tokens a Gemini 2.5 model thinks before answering, 0 to 32768, or -1 for the
	 * model to decide. Unset uses the model's default. Not together with thinking-level.
	 */
	private Integer thinkingBudget;

	/**
	 * Retries of a call that fails before any of its text was sent.
	 */
	private final Retry retry = new Retry();

	ModelProperties named(String name, String defaultModel) {
		this.prefix = "hardening.reasoning." + name + ".";
		this.model = defaultModel;
		this.retry.prefix = this.prefix + "retry.";
		return this;
	}

	String prefix() {
		return this.prefix;
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

	public Double getTemperature() {
		return this.temperature;
	}

	public void setTemperature(Double temperature) {
		Assert.isTrue(temperature == null || (temperature >= 0.0 && temperature <= MAX_TEMPERATURE),
				() -> this.prefix + "temperature must be between 0.0 and 2.0, got " + temperature);
		this.temperature = temperature;
	}

	public Integer getMaxOutputTokens() {
		return this.maxOutputTokens;
	}

	public void setMaxOutputTokens(Integer maxOutputTokens) {
		Assert.isTrue(maxOutputTokens == null || (maxOutputTokens >= 1 && maxOutputTokens <= MAX_OUTPUT_TOKENS),
				() -> this.prefix + "max-output-tokens must be between 1 and 65536, got " + maxOutputTokens);
		this.maxOutputTokens = maxOutputTokens;
	}

	public String getThinkingLevel() {
		return this.thinkingLevel;
	}

	public void setThinkingLevel(String thinkingLevel) {
		String level = (thinkingLevel != null && !thinkingLevel.isBlank())
				? thinkingLevel.strip().toLowerCase(Locale.ROOT) : null;
		Assert.isTrue(level == null || THINKING_LEVELS.contains(level), () -> this.prefix
				+ "thinking-level must be one of minimal, low, medium, high, got '" + thinkingLevel + "'");
		this.thinkingLevel = level;
	}

	public Integer getThinkingBudget() {
		return this.thinkingBudget;
	}

	public void setThinkingBudget(Integer thinkingBudget) {
		Assert.isTrue(thinkingBudget == null || (thinkingBudget >= -1 && thinkingBudget <= MAX_THINKING_BUDGET),
				() -> this.prefix + "thinking-budget must be -1 (the model decides) or between 0 and 32768, got "
						+ thinkingBudget);
		this.thinkingBudget = thinkingBudget;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Retries of a call that fails before any of its text was sent, with HTTP 429 (not a
	 * daily quota), 500 or 503, or a refused or reset connection; within the first-token
	 * budget.
	 */
	public static class Retry {

		private String prefix = "hardening.reasoning.model.retry.";

		/**
		 * Most attempts of a call, the first included; 1 retries nothing.
		 */
		private int maxAttempts = 3;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = between(this.prefix + "max-attempts", maxAttempts, 1, 10);
		}

	}

}
