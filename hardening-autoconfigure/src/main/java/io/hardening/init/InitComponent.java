package io.hardening.init;

/**
 * A component whose initialization may fail or hang: a model client, a database pool, a
 * model download.
 * <p>
 * Declare one as a bean and the starter initializes it in the background after startup,
 * bounds each attempt with {@code hardening.init.attempt-timeout}, retries with
 * exponential backoff, and shows its state in the {@code init} health contributor and the
 * {@code init} Actuator endpoint. The application starts whatever happens here.
 */
public interface InitComponent {

	/**
	 * Name of the component, unique in the application: the health child and the endpoint
	 * selector (for example {@code vertexAi}).
	 * @return the name
	 */
	String name();

	/**
	 * Runs one initialization attempt. Called on a background thread, never concurrently
	 * with itself; blocking is allowed. An attempt that returns normally makes the
	 * component READY; an exception, or running past the attempt timeout, counts as a
	 * failure and is retried.
	 * @throws Exception when this attempt failed; its message is sanitized and shown
	 */
	void initialize() throws Exception;

	/**
	 * Whether the component gates the readiness probe while it is not READY.
	 * @return {@code true} unless overridden
	 */
	default boolean requiredForReadiness() {
		return true;
	}

}
