package io.hardening.security;

import java.util.Set;

import io.hardening.security.ApiKeyVerifier.Verdict;
import io.hardening.support.RequestPaths;

/**
 * Decides which requests need an API key: every path under {@code /api}, except the
 * probes and Actuator when they are mapped there, and CORS preflights.
 */
public final class ApiKeyGuard {

	/**
	 * Paths that need a key, and everything under it.
	 */
	public static final String PROTECTED_PREFIX = "/api";

	private final ApiKeyVerifier verifier;

	private final String actuatorBasePath;

	private final Set<String> openPaths;

	/**
	 * Creates a guard.
	 * @param verifier checks the key
	 * @param actuatorBasePath the Actuator base path, such as {@code /actuator}, may be
	 * {@code null}; Actuator is governed by the admin guard, never by API keys
	 * @param openPaths paths that never need a key even under {@code /api}, such as the
	 * probes
	 */
	public ApiKeyGuard(ApiKeyVerifier verifier, String actuatorBasePath, Set<String> openPaths) {
		this.verifier = verifier;
		this.actuatorBasePath = actuatorBasePath;
		this.openPaths = Set.copyOf(openPaths);
	}

	/**
	 * Judges one request.
	 * @param method the HTTP method
	 * @param path the request path, without the context path
	 * @param apiKeyHeader the {@code X-API-Key} header, may be {@code null}
	 * @return {@link Verdict#GRANTED} for anything that needs no key
	 */
	public Verdict check(String method, String path, String apiKeyHeader) {
		if ("OPTIONS".equals(method) || !requiresKey(path)) {
			return Verdict.GRANTED;
		}
		return this.verifier.verify(apiKeyHeader);
	}

	boolean requiresKey(String rawPath) {
		String path = RequestPaths.normalize(rawPath);
		if (!RequestPaths.isUnder(path, PROTECTED_PREFIX) || this.openPaths.contains(path)) {
			return false;
		}
		String base = this.actuatorBasePath;
		if (base != null && base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		// Actuator at the root shares no path with /api but its own endpoints' ids.
		return base == null || base.isEmpty() || !RequestPaths.isUnder(path, base);
	}

}
