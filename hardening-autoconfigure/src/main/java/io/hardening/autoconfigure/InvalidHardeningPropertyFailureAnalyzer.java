package io.hardening.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Turns an {@link InvalidHardeningPropertyException} into Boot's startup report: the
 * property, its value and where it was set, the reason, and what to do.
 */
public class InvalidHardeningPropertyFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidHardeningPropertyException> {

	private final Environment environment;

	/**
	 * Creates the analyzer.
	 * @param environment where the properties come from, {@code null} when unknown
	 */
	public InvalidHardeningPropertyFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHardeningPropertyException cause) {
		if (cause.getConflictingProperty() != null) {
			return analyzeConflict(cause);
		}
		ConfigurationProperty property = find(cause.getProperty());
		// What the user wrote ("1s"), not what it was bound to.
		Object value = (property != null) ? property.getValue() : cause.getValue();
		StringBuilder description = new StringBuilder();
		description.append("Invalid value '%s' for configuration property '%s'%s:%n".formatted(value,
				cause.getProperty(), origin(property)));
		description.append("it ").append(cause.getReason()).append('.');
		List<String> related = new ArrayList<>();
		for (String name : cause.getRelatedProperties()) {
			ConfigurationProperty relatedProperty = find(name);
			related.add("    %s = %s%s".formatted(name,
					(relatedProperty != null) ? relatedProperty.getValue() : "(not set)", origin(relatedProperty)));
		}
		if (!related.isEmpty()) {
			description.append("%n%nRelated properties:%n".formatted()).append(String.join("\n", related));
		}
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

	// Blames the property set where it takes precedence, as the user most likely just
	// set it; on a tie (both in one source, or neither set) the one the exception names.
	private FailureAnalysis analyzeConflict(InvalidHardeningPropertyException cause) {
		Setting first = setting(cause.getProperty(), cause.getValue());
		Setting second = setting(cause.getConflictingProperty(), cause.getConflictingValue());
		Setting blamed = (second.precedence < first.precedence) ? second : first;
		Setting other = (blamed == first) ? second : first;
		String description = "Invalid value '%s' for configuration property '%s'%s:%nit conflicts with '%s' = %s%s.%n%nRule: %s."
			.formatted(blamed.value, blamed.name, blamed.origin, other.name, other.value, other.origin,
					cause.getRule());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

	private Setting setting(String property, Object boundValue) {
		int precedence = 0;
		if (this.environment != null) {
			ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
				ConfigurationProperty found = source.getConfigurationProperty(name);
				if (found != null) {
					return new Setting(property, found.getValue(), origin(found), precedence);
				}
				precedence++;
			}
		}
		return new Setting(property, boundValue, " (default)", Integer.MAX_VALUE);
	}

	private ConfigurationProperty find(String property) {
		if (this.environment == null) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private record Setting(String name, Object value, String origin, int precedence) {

	}

	private static String origin(ConfigurationProperty property) {
		Origin origin = (property != null) ? property.getOrigin() : null;
		return (origin != null) ? " (from " + origin + ")" : "";
	}

}
