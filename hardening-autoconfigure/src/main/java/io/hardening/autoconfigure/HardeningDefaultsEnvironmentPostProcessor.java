package io.hardening.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Adds the starter's defaults for other libraries' properties, behind every source the
 * application has, so that any setting of the application wins.
 * <ul>
 * <li>Exposes the {@code health}, {@code info}, {@code prometheus} and {@code init}
 * Actuator endpoints over HTTP.</li>
 * <li>Turns on Actuator's liveness and readiness groups
 * ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}) everywhere, not
 * only on Kubernetes.</li>
 * <li>Suits the {@code flash} and {@code pro} circuit breakers to long model streams: no
 * Spring Cloud TimeLimiter (a per-element timeout of 1s by default, which fails a stream
 * that pauses for a second) and a slow-call threshold of 300s, above the stream budget,
 * so a long answer does not count as slow. Resilience4j creates every instance named
 * under {@code resilience4j.circuitbreaker.instances} at startup, and Spring Cloud's
 * factory takes the registry's existing breaker of that name, so these keys and the
 * application's own keys beside them reach the breakers.</li>
 * <li>Sizes the {@code flash} and {@code pro} bulkheads that Spring Cloud puts around
 * each call to {@code hardening.reasoning.max-concurrent-streams}: Resilience4j's default
 * of 25 concurrent calls would fail the 26th stream's models with "Bulkhead is full"
 * although the endpoint admitted it. They are created at startup like the breakers.</li>
 * <li>Reads the Gemini API key from {@code HARDENING_REASONING_GEMINI_API_KEY}, the name
 * the guides give, which relaxed binding alone would not map to
 * {@code hardening.reasoning.gemini-api.api-key}.</li>
 * <li>Configures the {@code storage} (GCS writes and deletes) and {@code storage-read}
 * (GCS reads and listings) circuit breakers: open when half of at least 5 of the last 20
 * calls failed, stay open for {@code hardening.storage.replay-interval}; a time limiter
 * of {@code hardening.storage.gcs.write-timeout}, the only wait on a GCS call; a
 * semaphore bulkhead of 32 concurrent calls that refuses the 33rd at once.</li>
 * <li>Bounds the edge: a connection waiting for a request is closed after 30s
 * ({@code server.netty.idle-timeout}, {@code server.tomcat.connection-timeout} and
 * {@code keep-alive-timeout}), longer than the heartbeat; the request line may hold a GET
 * query of 10,000 characters ({@code server.netty.max-initial-line-length} 40KB,
 * {@code server.max-http-request-header-size} 48KB).</li>
 * <li>Shows the request id in every log line ({@code logging.pattern.correlation}, beside
 * the trace and span ids when Micrometer Tracing is there) and turns on Reactor's
 * automatic context propagation ({@code spring.reactor.context-propagation=auto}), so a
 * line written on another thread of a reactive request shows it too.</li>
 * </ul>
 */
public class HardeningDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Name of the property source that holds the defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "hardeningDefaults";

	// Looked up by name at run time: HardeningDefaultsRuntimeHints lets a native image
	// find it.
	static final String TRACER = "io.micrometer.tracing.Tracer";

	private static final Map<String, Object> DEFAULTS = defaults();

	private static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,init");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		for (String breaker : List.of("flash", "pro")) {
			defaults.put("spring.cloud.circuitbreaker.resilience4j.disable-time-limiter-map." + breaker, "true");
			defaults.put("resilience4j.circuitbreaker.instances." + breaker + ".slow-call-duration-threshold", "300s");
			defaults.put("resilience4j.bulkhead.instances." + breaker + ".max-concurrent-calls",
					"${hardening.reasoning.max-concurrent-streams:256}");
		}
		// Relaxed binding maps HARDENING_REASONING_GEMINI_API_KEY to gemini.api.key, not
		// gemini-api.api-key: read the name every guide gives explicitly.
		defaults.put("hardening.reasoning.gemini-api.api-key", "${HARDENING_REASONING_GEMINI_API_KEY:}");
		storageBreakerDefaults(defaults);
		serverEdgeDefaults(defaults);
		defaults.put("spring.reactor.context-propagation", "auto");
		defaults.put("logging.pattern.correlation", ClassUtils.isPresent(TRACER, null)
				? "[%X{traceId:-},%X{spanId:-}] [%X{requestId:-}] " : "[%X{requestId:-}] ");
		return Collections.unmodifiableMap(defaults);
	}

	private static void serverEdgeDefaults(Map<String, Object> defaults) {
		// A connection waiting for a request (nothing sent, half a header, keep-alive) is
		// closed after 30s, longer than the 15s heartbeat; Tomcat's timeout also bounds
		// each read of a body and each blocking write.
		defaults.put("server.netty.idle-timeout", "30s");
		defaults.put("server.tomcat.connection-timeout", "30s");
		defaults.put("server.tomcat.keep-alive-timeout", "30s");
		// A GET query of 10,000 characters (SPEC's max-query-length), percent-encoded,
		// fits in the request line: Netty's default of 4 KB answered 414.
		defaults.put("server.netty.max-initial-line-length", "40KB");
		defaults.put("server.max-http-request-header-size", "48KB");
	}

	private static void storageBreakerDefaults(Map<String, Object> defaults) {
		for (String instance : List.of("storage", "storage-read")) {
			String breaker = "resilience4j.circuitbreaker.instances." + instance + ".";
			defaults.put(breaker + "sliding-window-size", "20");
			defaults.put(breaker + "minimum-number-of-calls", "5");
			defaults.put(breaker + "failure-rate-threshold", "50");
			defaults.put(breaker + "wait-duration-in-open-state", "${hardening.storage.replay-interval:10s}");
			defaults.put(breaker + "permitted-number-of-calls-in-half-open-state", "1");
			defaults.put("resilience4j.timelimiter.instances." + instance + ".timeout-duration",
					"${hardening.storage.gcs.write-timeout:5s}");
			defaults.put("resilience4j.timelimiter.instances." + instance + ".cancel-running-future", "true");
			defaults.put("resilience4j.bulkhead.instances." + instance + ".max-concurrent-calls", "32");
			defaults.put("resilience4j.bulkhead.instances." + instance + ".max-wait-duration", "0");
		}
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
		}
	}

}
