package io.hardening.autoconfigure;

import java.util.List;

/**
 * Thrown at startup when a {@code hardening.*} property has a value the starter cannot
 * use, typically one that only makes sense beside another property. Boot shows it as a
 * failure analysis ({@link InvalidHardeningPropertyFailureAnalyzer}) naming the property,
 * its value, the reason and what to do.
 */
public class InvalidHardeningPropertyException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String reason;

	private final String action;

	private final List<String> relatedProperties;

	private final String conflictingProperty;

	private final Object conflictingValue;

	private final String rule;

	/**
	 * Creates the exception.
	 * @param property the property whose value is refused
	 * @param value its value
	 * @param reason why it is refused, a sentence that can follow "it"
	 * @param action what the user should do
	 * @param relatedProperties further properties the reason compares it with
	 */
	public InvalidHardeningPropertyException(String property, Object value, String reason, String action,
			String... relatedProperties) {
		this(property, value, reason, action, List.of(relatedProperties), null, null, null);
	}

	private InvalidHardeningPropertyException(String property, Object value, String reason, String action,
			List<String> relatedProperties, String conflictingProperty, Object conflictingValue, String rule) {
		super("Invalid value '" + value + "' for " + property + ": " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
		this.relatedProperties = relatedProperties;
		this.conflictingProperty = conflictingProperty;
		this.conflictingValue = conflictingValue;
		this.rule = rule;
	}

	/**
	 * Creates the exception for two properties whose values cannot go together, where
	 * either may be the one to change. The report blames the one set where it takes
	 * precedence (the one the user most likely just set: a command-line argument or an
	 * environment variable over {@code application.yml}, a set value over a default), and
	 * names the other with its value and origin.
	 * @param property one of the two properties
	 * @param value its value
	 * @param conflictingProperty the other property
	 * @param conflictingValue its value
	 * @param rule the rule they break, a sentence naming both
	 * @param action what the user should do
	 * @return the exception
	 */
	public static InvalidHardeningPropertyException conflict(String property, Object value, String conflictingProperty,
			Object conflictingValue, String rule, String action) {
		return new InvalidHardeningPropertyException(property, value,
				"conflicts with " + conflictingProperty + " (" + conflictingValue + "): " + rule, action,
				List.of(conflictingProperty), conflictingProperty, conflictingValue, rule);
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

	public String getAction() {
		return this.action;
	}

	public List<String> getRelatedProperties() {
		return this.relatedProperties;
	}

	/**
	 * Returns the other property of a {@link #conflict conflict}, else {@code null}.
	 * @return the conflicting property or {@code null}
	 */
	public String getConflictingProperty() {
		return this.conflictingProperty;
	}

	public Object getConflictingValue() {
		return this.conflictingValue;
	}

	/**
	 * Returns the rule the two properties of a {@link #conflict conflict} break, else
	 * {@code null}.
	 * @return the rule or {@code null}
	 */
	public String getRule() {
		return this.rule;
	}

}
