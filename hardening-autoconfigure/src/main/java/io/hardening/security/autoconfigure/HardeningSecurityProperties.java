package io.hardening.security.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for API keys on the application's API ({@code /api/**}).
 */
@ConfigurationProperties("hardening.security")
public class HardeningSecurityProperties {

	/**
	 * Whether to require an API key on /api/** when api-keys holds one. Off when Spring
	 * Security is present: its rules govern then.
	 */
	private boolean enabled = true;

	/**
	 * API keys accepted in the X-API-Key header on /api/**, compared in constant time.
	 * Several at once so that a key can be rotated without downtime. Usually set with the
	 * HARDENING_SECURITY_API_KEYS environment variable, comma-separated. Empty: no key is
	 * needed.
	 */
	private List<String> apiKeys = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(List<String> apiKeys) {
		this.apiKeys = apiKeys;
	}

}
