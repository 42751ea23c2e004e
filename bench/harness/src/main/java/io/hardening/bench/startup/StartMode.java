package io.hardening.bench.startup;

/**
 * How an application is started in the start-up part: on which JDK, from which jar, with
 * which cache.
 */
enum StartMode {

	/**
	 * The default JDK (the harness's, {@code java} on the {@code PATH}),
	 * {@code java -jar} on the executable jar, as the apps ship.
	 */
	JAVA17("java17", false, false, false),

	/**
	 * Java 25 on the extracted jar ({@code -Djarmode=tools extract}), without a cache.
	 */
	JAVA25("java25", true, false, false),

	/**
	 * Java 25 on the extracted jar with Java's AOT cache ({@code -XX:AOTCache}, made by a
	 * training run that serves the probes and one stream).
	 */
	JAVA25_CACHE("java25+cache", true, true, false),

	/**
	 * As {@link #JAVA25_CACHE}, on jars built with Spring AOT and started with
	 * {@code -Dspring.aot.enabled=true}, in the training run too.
	 */
	JAVA25_SPRING_AOT_CACHE("java25+spring-aot+cache", true, true, true);

	private final String label;

	private final boolean java25;

	private final boolean cache;

	private final boolean springAot;

	StartMode(String label, boolean java25, boolean cache, boolean springAot) {
		this.label = label;
		this.java25 = java25;
		this.cache = cache;
		this.springAot = springAot;
	}

	String label() {
		return this.label;
	}

	/**
	 * Whether it runs on Java 25, from the extracted jar.
	 * @return {@code true} for every mode but {@link #JAVA17}
	 */
	boolean java25() {
		return this.java25;
	}

	boolean cache() {
		return this.cache;
	}

	boolean springAot() {
		return this.springAot;
	}

}
