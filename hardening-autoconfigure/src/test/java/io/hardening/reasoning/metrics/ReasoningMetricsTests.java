package io.hardening.reasoning.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.hardening.reasoning.TokenUsage;
import io.hardening.reasoning.stream.ReasoningRuns;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ReasoningMetrics}.
 */
class ReasoningMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ReasoningRuns runs = mock(ReasoningRuns.class);

	private final ReasoningMetrics metrics = metrics(this.runs);

	@Test
	void streamsMaxShowsTheAdmissionLimitBesideTheActiveStreams() {
		given(this.runs.maxConcurrentStreams()).willReturn(64);
		given(this.runs.activeStreams()).willReturn(3);
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("hardening.reasoning.streams.max").gauge().value()).isEqualTo(64);
		assertThat(this.registry.get("hardening.reasoning.streams.active").gauge().value()).isEqualTo(3);
	}

	@Test
	void firstTokenAndModelTimersPublishLatencyBuckets() {
		this.metrics.bindTo(this.registry);
		this.metrics.firstToken("flash", Duration.ofMillis(700));
		this.metrics.modelFinished("pro", "error", Duration.ofSeconds(3));
		Timer firstToken = this.registry.get("hardening.reasoning.first.token").tag("model", "flash").timer();
		Timer model = this.registry.get("hardening.reasoning.model").tags("model", "pro", "outcome", "error").timer();
		assertThat(bucketBoundsInSeconds(firstToken)).containsExactly(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
				120.0);
		assertThat(bucketBoundsInSeconds(model)).hasSize(10);
		assertThat(countUpTo(firstToken, 0.5)).isZero();
		assertThat(countUpTo(firstToken, 1.0)).isOne();
		assertThat(countUpTo(model, 2.5)).isZero();
		assertThat(countUpTo(model, 5.0)).isOne();
	}

	@Test
	void tokensAreCountedByModelAndTypeAndRetriesByReason() {
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("hardening.reasoning.tokens")
			.tags("model", "pro", "type", "thinking")
			.counter()
			.count()).isZero();
		this.metrics.tokensUsed("flash", new TokenUsage(8, 7, 41, 3, 56));
		this.metrics.tokensUsed("flash", new TokenUsage(2, 1, 0, 0, 3));
		this.metrics.modelRetried("pro", "rate_limited");
		assertThat(tokens("flash", "prompt")).isEqualTo(10);
		assertThat(tokens("flash", "output")).isEqualTo(8);
		assertThat(tokens("flash", "thinking")).isEqualTo(41);
		assertThat(tokens("flash", "cached")).isEqualTo(3);
		assertThat(tokens("pro", "output")).isZero();
		assertThat(this.registry.get("hardening.reasoning.model.retries")
			.tags("model", "pro", "reason", "rate_limited")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("hardening.reasoning.model.retries")
			.tags("model", "flash", "reason", "connection")
			.counter()
			.count()).isZero();
	}

	private double tokens(String model, String type) {
		return this.registry.get("hardening.reasoning.tokens").tags("model", model, "type", type).counter().count();
	}

	@Test
	void streamsMaxIsAbsentWithoutRuns() {
		metrics(null).bindTo(this.registry);
		assertThat(this.registry.find("hardening.reasoning.streams.max").gauge()).isNull();
		assertThat(this.registry.find("hardening.reasoning.streams").counters()).isNotEmpty();
	}

	private static ReasoningMetrics metrics(ReasoningRuns runs) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (runs != null) {
			beans.addBean("runs", runs);
		}
		return new ReasoningMetrics(beans.getBeanProvider(ReasoningRuns.class));
	}

	private static double[] bucketBoundsInSeconds(Timer timer) {
		return Arrays.stream(timer.takeSnapshot().histogramCounts())
			.mapToDouble((bucket) -> bucket.bucket(TimeUnit.SECONDS))
			.toArray();
	}

	private static double countUpTo(Timer timer, double seconds) {
		for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
			if (bucket.bucket(TimeUnit.SECONDS) == seconds) {
				return bucket.count();
			}
		}
		throw new IllegalArgumentException("No bucket at " + seconds + "s");
	}

}
