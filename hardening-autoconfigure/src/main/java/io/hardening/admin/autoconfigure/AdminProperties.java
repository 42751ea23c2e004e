package io.hardening.admin.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for admin writes (the init retry endpoint and any other
 * Actuator write).
 */
@ConfigurationProperties("hardening.admin")
public class AdminProperties {

	/**
	 * Whether to guard Actuator writes with the admin token. Off when Spring Security is
	 * present: its rules govern then.
	 */
	private boolean enabled = true;

	/**
	 * Bearer token that Actuator writes must present, compared in constant time. Usually
	 * set with the HARDENING_ADMIN_TOKEN environment variable. With no token every write
	 * is refused with 403.
	 */
	private String token;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

}
