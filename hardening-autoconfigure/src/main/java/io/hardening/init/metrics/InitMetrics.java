package io.hardening.init.metrics;

import java.time.Duration;

import io.hardening.init.InitAttemptListener;
import io.hardening.init.InitOutcome;
import io.hardening.init.InitTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Publishes {@code hardening_init_ready{component}},
 * {@code hardening_init_attempts_total{component,outcome}} and
 * {@code hardening_init_attempt_seconds{component}}.
 */
public class InitMetrics implements MeterBinder, InitAttemptListener {

	private final ObjectProvider<InitTracker> tracker;

	private volatile MeterRegistry registry;

	/**
	 * Creates the metrics for the tracker, which is looked up when the registry binds.
	 * @param tracker the tracker, created after this listener
	 */
	public InitMetrics(ObjectProvider<InitTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		InitTracker tracker = this.tracker.getObject();
		for (String name : tracker.names()) {
			Gauge.builder("hardening.init.ready", tracker, (t) -> t.isReady(name) ? 1 : 0)
				.description("Whether the init component is READY (1) or not (0)")
				.tag("component", name)
				.register(registry);
			for (InitOutcome outcome : InitOutcome.values()) {
				attempts(registry, name, outcome);
			}
			attemptTimer(registry, name);
		}
	}

	@Override
	public void attemptFinished(String component, InitOutcome outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			attempts(registry, component, outcome).increment();
			attemptTimer(registry, component).record(duration);
		}
	}

	private static Counter attempts(MeterRegistry registry, String component, InitOutcome outcome) {
		return Counter.builder("hardening.init.attempts")
			.description("Initialization attempts by outcome")
			.tag("component", component)
			.tag("outcome", outcome.tagValue())
			.register(registry);
	}

	private static Timer attemptTimer(MeterRegistry registry, String component) {
		return Timer.builder("hardening.init.attempt")
			.description("Duration of initialization attempts")
			.tag("component", component)
			.register(registry);
	}

}
