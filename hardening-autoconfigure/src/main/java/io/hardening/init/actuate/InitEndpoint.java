package io.hardening.init.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hardening.init.InitStatus;
import io.hardening.init.InitTracker;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code init} Actuator endpoint: lists tracked components, shows one, and retries
 * one now ({@code POST /actuator/init/{name}}).
 */
@Endpoint(id = "init")
public class InitEndpoint {

	private final InitTracker tracker;

	private final Duration retryWait;

	/**
	 * Creates the endpoint.
	 * @param tracker the tracker
	 * @param retryWait how long a retry request waits for the attempt's outcome, a little
	 * more than the attempt timeout
	 */
	public InitEndpoint(InitTracker tracker, Duration retryWait) {
		this.tracker = tracker;
		this.retryWait = retryWait;
	}

	/**
	 * Lists every component.
	 * @return the components by name
	 */
	@ReadOperation
	public Map<String, Object> components() {
		Map<String, Object> components = new LinkedHashMap<>();
		this.tracker.statuses().forEach((status) -> components.put(status.name(), status.details()));
		return Map.of("components", components);
	}

	/**
	 * Shows one component.
	 * @param name the component name
	 * @return its status, 404 for an unknown name
	 */
	@ReadOperation
	public WebEndpointResponse<Map<String, Object>> component(@Selector String name) {
		return this.tracker.status(name)
			.map((status) -> new WebEndpointResponse<>(status.details()))
			.orElseGet(() -> unknown(name));
	}

	/**
	 * Retries one component now and answers the outcome. Concurrent calls share one
	 * attempt.
	 * @param name the component name
	 * @return 200 on success, 503 on failure, 404 for an unknown name
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> retry(@Selector String name) {
		Optional<CompletableFuture<InitStatus>> attempt = this.tracker.retryNow(name);
		if (attempt.isEmpty()) {
			return unknown(name);
		}
		InitStatus status;
		try {
			status = attempt.get().get(this.retryWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return failed("Attempt still running after " + this.retryWait.toMillis() + "ms", name);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed("Interrupted while waiting for the attempt", name);
		}
		catch (ExecutionException ex) {
			return failed("Attempt could not run", name);
		}
		if (status.initialized()) {
			return new WebEndpointResponse<>(
					Map.of("status", "success", "message", "Component '" + name + "' is initialized"));
		}
		return failed(status.lastError(), name);
	}

	private WebEndpointResponse<Map<String, Object>> failed(String error, String name) {
		int retryCount = this.tracker.status(name).map(InitStatus::retryCount).orElse(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "failed");
		body.put("error", (error != null) ? error : "Initialization failed");
		body.put("retryCount", retryCount);
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	private static WebEndpointResponse<Map<String, Object>> unknown(String name) {
		return new WebEndpointResponse<>(
				Map.of("error", "No init component named '" + name + "'", "code", "unknown_component"),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
