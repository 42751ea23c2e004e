package io.hardening.security.actuate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets in {@code /actuator/env} and {@code /actuator/configprops},
 * whatever their {@code show-values} setting: {@code hardening.admin.token},
 * {@code hardening.security.api-keys} (and each of its elements) and
 * {@code hardening.reasoning.gemini-api.api-key}, in every spelling a property source may
 * hold them ({@code HARDENING_ADMIN_TOKEN}, {@code HARDENING_SECURITY_API_KEYS_0},
 * {@code hardening.security.apiKeys}...), and the values of the same secrets passed as
 * command-line arguments, which the JVM repeats in the {@code sun.java.command} system
 * property and that {@code JAVA_TOOL_OPTIONS} may hold as {@code -D} options, and a
 * {@code SPRING_APPLICATION_JSON} document that sets any {@code hardening} property.
 */
public class SecretPropertiesSanitizingFunction implements SanitizingFunction {

	// Matched against the key in lower case without separators and index brackets, so
	// that hardening.security.api-keys[1], HARDENING_SECURITY_APIKEYS_1 and
	// hardening.security.apiKeys are one name. The Gemini key also in the spelling
	// HARDENING_REASONING_GEMINI_API_KEY, the variable the docs and the sample use.
	private static final Pattern SECRET_NAMES = Pattern
		.compile("hardening(admintoken|securityapikeys\\d*|reasoninggemini(api)?apikey)");

	// Values that repeat a command line: the JVM's own copy of the main class and its
	// arguments (Spring Boot 2 masked it whole by default for this reason), and the
	// variables that hand the JVM its options.
	private static final Set<String> COMMAND_LINES = Set.of("sun.java.command", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
			"JAVA_OPTS");

	// An argument as Spring's command-line parser reads it, --name=value, or a system
	// property, -Dname=value. Arguments are joined by spaces, so a value that held one
	// cannot be told from the next argument: a value is masked up to the next " -" or
	// the end.
	private static final Pattern ARGUMENT = Pattern.compile("(?<=^|\\s)(--|-D)([^=\\s]+)=(.*?)(?=\\s-|$)");

	// SPRING_APPLICATION_JSON or --spring.application.json, as given: Boot also shows its
	// flattened properties, each masked or shown on its own, so masking the raw document
	// hides nothing else.
	private static final String APPLICATION_JSON = "springapplicationjson";

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (isSecret(data.getKey())) {
			return data.withSanitizedValue();
		}
		if (data.getKey() != null && APPLICATION_JSON.equals(normalized(data.getKey()))
				&& data.getValue() instanceof String json && json.toLowerCase(Locale.ROOT).contains("hardening")) {
			return data.withSanitizedValue();
		}
		if (COMMAND_LINES.contains(data.getKey()) && data.getValue() instanceof String command) {
			String masked = maskSecretArguments(command);
			return masked.equals(command) ? data : data.withValue(masked);
		}
		return data;
	}

	static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		return SECRET_NAMES.matcher(normalized(key)).matches();
	}

	private static String normalized(String key) {
		return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/**
	 * Returns the command line with the value of every secret {@code --name=value} or
	 * {@code -Dname=value} argument replaced by {@code ******}.
	 * @param command arguments joined by spaces
	 * @return the command line safe to show
	 */
	static String maskSecretArguments(String command) {
		Matcher matcher = ARGUMENT.matcher(command);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String replacement = isSecret(matcher.group(2))
					? matcher.group(1) + matcher.group(2) + "=" + SanitizableData.SANITIZED_VALUE : matcher.group();
			matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(masked);
		return masked.toString();
	}

}
