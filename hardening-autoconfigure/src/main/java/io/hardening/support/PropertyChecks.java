package io.hardening.support;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The checks the starter's configuration properties make in their setters. Each fails
 * with an {@link IllegalArgumentException} whose message names the property, which Boot's
 * bind failure analyzer shows in its startup report.
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	/**
	 * A duration above zero.
	 * @param property the property's name, such as {@code hardening.reasoning.timeout}
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException when it is {@code null}, zero or negative
	 */
	public static Duration positive(String property, Duration value) {
		Assert.isTrue(value != null && value.compareTo(Duration.ZERO) > 0,
				() -> property + " must be a positive duration, got " + value);
		return value;
	}

	/**
	 * A duration of zero or more.
	 * @param property the property's name
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException when it is {@code null} or negative
	 */
	public static Duration notNegative(String property, Duration value) {
		Assert.isTrue(value != null && !value.isNegative(),
				() -> property + " must be zero or a positive duration, got " + value);
		return value;
	}

	/**
	 * A whole number of one or more.
	 * @param property the property's name
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException when it is below 1
	 */
	public static int atLeastOne(String property, int value) {
		Assert.isTrue(value >= 1, () -> property + " must be at least 1, got " + value);
		return value;
	}

	/**
	 * A whole number of zero or more.
	 * @param property the property's name
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException when it is negative
	 */
	public static int notNegative(String property, int value) {
		Assert.isTrue(value >= 0, () -> property + " must be zero or more, got " + value);
		return value;
	}

	/**
	 * A whole number within a range.
	 * @param property the property's name
	 * @param value the value
	 * @param min the lowest value allowed
	 * @param max the highest value allowed
	 * @return the value
	 * @throws IllegalArgumentException when it is outside {@code [min, max]}
	 */
	public static int between(String property, int value, int min, int max) {
		Assert.isTrue(value >= min && value <= max,
				() -> property + " must be between " + min + " and " + max + ", got " + value);
		return value;
	}

	/**
	 * A number within a range.
	 * @param property the property's name
	 * @param value the value
	 * @param min the lowest value allowed
	 * @param max the highest value allowed
	 * @return the value
	 * @throws IllegalArgumentException when it is outside {@code [min, max]}
	 */
	public static double between(String property, double value, double min, double max) {
		Assert.isTrue(value >= min && value <= max,
				() -> property + " must be between " + min + " and " + max + ", got " + value);
		return value;
	}

	/**
	 * An http or https URL, without its trailing slash.
	 * @param property the property's name
	 * @param value the value
	 * @return the value without a trailing slash
	 * @throws IllegalArgumentException when it is not an http or https URL
	 */
	public static String httpUrl(String property, String value) {
		Assert.isTrue(value != null && (value.startsWith("http://") || value.startsWith("https://")),
				() -> property + " must be an http or https URL, got '" + value + "'");
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
