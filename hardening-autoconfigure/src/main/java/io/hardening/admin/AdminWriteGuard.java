package io.hardening.admin;

import java.util.Set;

import io.hardening.admin.AdminTokenVerifier.Verdict;
import io.hardening.support.RequestPaths;

/**
 * Decides which requests are admin writes: any method but GET, HEAD and OPTIONS on a path
 * under the Actuator base path.
 */
public final class AdminWriteGuard {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final String actuatorBasePath;

	private final AdminTokenVerifier verifier;

	/**
	 * Creates a guard.
	 * @param actuatorBasePath the Actuator base path, such as {@code /actuator}, may be
	 * {@code null}
	 * @param verifier checks the token
	 */
	public AdminWriteGuard(String actuatorBasePath, AdminTokenVerifier verifier) {
		this.actuatorBasePath = actuatorBasePath;
		this.verifier = verifier;
	}

	/**
	 * Judges one request.
	 * @param method the HTTP method
	 * @param path the request path, without the context path
	 * @param authorizationHeader the {@code Authorization} header, may be {@code null}
	 * @return {@link Verdict#GRANTED} for anything that is not an admin write
	 */
	public Verdict check(String method, String path, String authorizationHeader) {
		if (READ_METHODS.contains(method) || !isUnderActuator(path)) {
			return Verdict.GRANTED;
		}
		return this.verifier.verify(authorizationHeader);
	}

	private boolean isUnderActuator(String rawPath) {
		String path = RequestPaths.normalize(rawPath);
		String base = this.actuatorBasePath;
		if (base == null || base.isEmpty() || base.equals("/")) {
			// Actuator at the root: guard the init endpoint only, never the application.
			base = "/init";
			return RequestPaths.isUnder(path, base);
		}
		return path.startsWith(base + "/");
	}

}
