package io.hardening.reasoning.simulated;

import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.init.InitComponent;

/**
 * Initialization of the simulated models: the first {@code init-failures} attempts fail,
 * later ones succeed, so that the init tracking, health and retry can be tried without a
 * cloud.
 */
public class SimulatedInitComponent implements InitComponent {

	private final String name;

	private final int initFailures;

	private final AtomicInteger attempts = new AtomicInteger();

	/**
	 * Creates the component.
	 * @param name the component name, such as {@code vertexAi}
	 * @param initFailures how many first attempts fail
	 */
	public SimulatedInitComponent(String name, int initFailures) {
		this.name = name;
		this.initFailures = initFailures;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void initialize() {
		int attempt = this.attempts.incrementAndGet();
		if (attempt <= this.initFailures) {
			throw new IllegalStateException("Simulated init failure " + attempt + " of " + this.initFailures
					+ " (hardening.reasoning.simulated.init-failures=" + this.initFailures + ")");
		}
	}

}
