package io.hardening.security.actuate;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets in {@code /actuator/env} and {@code /actuator/configprops},
 * whatever their {@code show-values} setting: {@code hardening.admin.token},
 * {@code hardening.security.api-keys} (and each of its elements) and
 * {@code hardening.reasoning.gemini-api.api-key}, in every spelling a property source may
 * hold them ({@code HARDENING_ADMIN_TOKEN}, {@code HARDENING_SECURITY_API_KEYS_0},
 * {@code hardening.security.apiKeys}...).
 */
public class SecretPropertiesSanitizingFunction implements SanitizingFunction {

	// Matched against the key in lower case without separators and index brackets, so
	// that hardening.security.api-keys[1], HARDENING_SECURITY_APIKEYS_1 and
	// hardening.security.apiKeys are one name. The Gemini key also in the spelling
	// HARDENING_REASONING_GEMINI_API_KEY, the variable the docs and the sample use.
	private static final Pattern SECRET_NAMES = Pattern
		.compile("hardening(admintoken|securityapikeys\\d*|reasoninggemini(api)?apikey)");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String name = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_NAMES.matcher(name).matches();
	}

}
