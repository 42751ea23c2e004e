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
		super("Invalid value '" + value + "' for " + property + ": " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
		this.relatedProperties = List.of(relatedProperties);
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

}
