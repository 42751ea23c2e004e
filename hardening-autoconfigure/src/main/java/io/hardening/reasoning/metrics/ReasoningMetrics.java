package io.hardening.reasoning.metrics;

import java.time.Duration;

import io.hardening.reasoning.TokenUsage;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.hardening.reasoning.stream.ReasoningStreamListener;
import io.hardening.reasoning.stream.StreamOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Publishes {@code hardening_reasoning_streams_active},
 * {@code hardening_reasoning_streams_max},
 * {@code hardening_reasoning_streams_total{outcome}},
 * {@code hardening_reasoning_model_seconds{model,outcome}},
 * {@code hardening_reasoning_first_token_seconds{model}},
 * {@code hardening_reasoning_tokens_total{model,type}} (types {@code prompt},
 * {@code output}, {@code thinking}, {@code cached}: what the models reported last in each
 * call), {@code hardening_reasoning_model_retries_total{model,reason}} and
 * {@code hardening_reasoning_run_records_failed_total}. The two latency timers publish
 * histogram buckets (100ms to 120s) so that Prometheus can compute percentiles across
 * instances; without them a timer has only {@code _count}, {@code _sum} and {@code _max}.
 */
public class ReasoningMetrics implements MeterBinder, ReasoningStreamListener {

	// From a fast first token to the default model budget of 120s. A few fixed buckets
	// keep
	// the series count small: Micrometer's percentile histogram publishes about 70 per
	// series.
	private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120) };

	private static final String[] TOKEN_TYPES = { "prompt", "output", "thinking", "cached" };

	private static final String[] RETRY_REASONS = { "rate_limited", "unavailable", "connection" };

	private final ObjectProvider<ReasoningRuns> runs;

	private volatile MeterRegistry registry;

	/**
	 * Creates the metrics; the runs are looked up when the registry binds.
	 * @param runs the runs, created after this listener
	 */
	public ReasoningMetrics(ObjectProvider<ReasoningRuns> runs) {
		this.runs = runs;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		ReasoningRuns reasoningRuns = this.runs.getIfAvailable();
		if (reasoningRuns != null) {
			Gauge.builder("hardening.reasoning.streams.active", reasoningRuns, ReasoningRuns::activeStreams)
				.description("Reasoning streams running now")
				.register(registry);
			Gauge.builder("hardening.reasoning.streams.max", reasoningRuns, ReasoningRuns::maxConcurrentStreams)
				.description("Most reasoning streams admitted at once (hardening.reasoning.max-concurrent-streams)")
				.register(registry);
		}
		for (StreamOutcome outcome : StreamOutcome.values()) {
			streams(registry, outcome);
		}
		for (String role : new String[] { "flash", "pro" }) {
			modelTimer(registry, role, "success");
			firstToken(registry, role);
			for (String type : TOKEN_TYPES) {
				tokens(registry, role, type);
			}
			for (String reason : RETRY_REASONS) {
				retries(registry, role, reason);
			}
		}
		recordsFailed(registry);
		this.registry = registry;
	}

	@Override
	public void streamFinished(StreamOutcome outcome) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			streams(registry, outcome).increment();
		}
	}

	@Override
	public void modelFinished(String role, String outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			modelTimer(registry, role, outcome).record(duration);
		}
	}

	@Override
	public void firstToken(String role, Duration latency) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			firstToken(registry, role).record(latency);
		}
	}

	@Override
	public void tokensUsed(String role, TokenUsage usage) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			tokens(registry, role, "prompt").increment(usage.promptTokens());
			tokens(registry, role, "output").increment(usage.outputTokens());
			tokens(registry, role, "thinking").increment(usage.thinkingTokens());
			tokens(registry, role, "cached").increment(usage.cachedTokens());
		}
	}

	@Override
	public void modelRetried(String role, String reason) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			retries(registry, role, reason).increment();
		}
	}

	@Override
	public void runRecordFailed(Throwable failure) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			recordsFailed(registry).increment();
		}
	}

	private static Counter streams(MeterRegistry registry, StreamOutcome outcome) {
		return Counter.builder("hardening.reasoning.streams")
			.description("Reasoning streams by how they ended")
			.tag("outcome", outcome.tagValue())
			.register(registry);
	}

	private static Timer modelTimer(MeterRegistry registry, String role, String outcome) {
		return Timer.builder("hardening.reasoning.model")
			.description("Duration of model calls in reasoning streams")
			.tag("model", role)
			.tag("outcome", outcome)
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(registry);
	}

	private static Timer firstToken(MeterRegistry registry, String role) {
		return Timer.builder("hardening.reasoning.first.token")
			.description("Time from a model call to its first piece of text")
			.tag("model", role)
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(registry);
	}

	private static Counter tokens(MeterRegistry registry, String role, String type) {
		return Counter.builder("hardening.reasoning.tokens")
			.description("Tokens the models reported, by type: prompt, output, thinking, cached")
			.tag("model", role)
			.tag("type", type)
			.register(registry);
	}

	private static Counter retries(MeterRegistry registry, String role, String reason) {
		return Counter.builder("hardening.reasoning.model.retries")
			.description("Model calls tried again before their first token, by reason")
			.tag("model", role)
			.tag("reason", reason)
			.register(registry);
	}

	private static Counter recordsFailed(MeterRegistry registry) {
		return Counter.builder("hardening.reasoning.run.records.failed")
			.description("Run records that could not be saved")
			.register(registry);
	}

}
