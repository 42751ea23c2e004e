package io.hardening.probes.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for the probe endpoints on the main server port.
 */
@ConfigurationProperties("hardening.probes")
public class ProbesProperties {

	/**
	 * Whether to serve the health, liveness and readiness probes on the main server port.
	 */
	private boolean enabled = true;

	/**
	 * When the full health report (health and healthz paths) shows components and
	 * details: always, never or when-authorized.
	 */
	private Show showDetails = Show.ALWAYS;

	/**
	 * Roles that may see details when show-details is when-authorized. Any authenticated
	 * user when empty.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	/**
	 * Further health contributors that gate readiness, beside readinessState and the
	 * starter's own (init, storage). Nested contributors as slash-separated paths.
	 */
	private Set<String> readinessInclude = new LinkedHashSet<>();

	/**
	 * Whether to pass the details of every health contributor through the sanitizer
	 * (bearer tokens, API keys, passwords and credentials in URLs masked) before any
	 * health answer shows them.
	 */
	private boolean sanitizeDetails = true;

	private final Paths paths = new Paths();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	public Set<String> getReadinessInclude() {
		return this.readinessInclude;
	}

	public void setReadinessInclude(Set<String> readinessInclude) {
		this.readinessInclude = readinessInclude;
	}

	public boolean isSanitizeDetails() {
		return this.sanitizeDetails;
	}

	public void setSanitizeDetails(boolean sanitizeDetails) {
		this.sanitizeDetails = sanitizeDetails;
	}

	public Paths getPaths() {
		return this.paths;
	}

	/**
	 * Paths of the probes. An empty path leaves that probe out.
	 */
	public static class Paths {

		/**
		 * Path of the full health report, every contributor with details.
		 */
		private String health = "/health";

		/**
		 * Second path of the full health report. Cloud Run reserves some paths ending in
		 * 'z': use the health path there.
		 */
		private String healthz = "/healthz";

		/**
		 * Path of the liveness probe, which answers the livenessState only.
		 */
		private String live = "/live";

		/**
		 * Path of the readiness probe, which answers readinessState and the contributors
		 * that joined readiness.
		 */
		private String ready = "/ready";

		public String getHealth() {
			return this.health;
		}

		public void setHealth(String health) {
			this.health = validated("health", health);
		}

		public String getHealthz() {
			return this.healthz;
		}

		public void setHealthz(String healthz) {
			this.healthz = validated("healthz", healthz);
		}

		public String getLive() {
			return this.live;
		}

		public void setLive(String live) {
			this.live = validated("live", live);
		}

		public String getReady() {
			return this.ready;
		}

		public void setReady(String ready) {
			this.ready = validated("ready", ready);
		}

		private static String validated(String name, String path) {
			if (!StringUtils.hasLength(path)) {
				return "";
			}
			Assert.isTrue(path.startsWith("/") && !StringUtils.containsWhitespace(path) && path.length() > 1,
					() -> "hardening.probes.paths." + name + " must start with '/' and contain no spaces, got '" + path
							+ "'");
			return path;
		}

	}

}
