package io.hardening.storage;

import java.util.regex.Pattern;

/**
 * Validates experiment ids before any I/O. An id is 1 to 128 characters of letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, so that it
 * can never name a parent directory, a nested path or an encoded one.
 */
public final class ExperimentIds {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private ExperimentIds() {
	}

	/**
	 * Whether the id is acceptable.
	 * @param id the id, may be {@code null}
	 * @return whether it is valid
	 */
	public static boolean isValid(String id) {
		return id != null && VALID.matcher(id).matches() && !id.contains("..");
	}

	/**
	 * Returns the id when it is acceptable.
	 * @param id the id
	 * @return the id
	 * @throws InvalidExperimentException when it is not
	 */
	public static String validate(String id) {
		if (!isValid(id)) {
			throw new InvalidExperimentException("invalid_id",
					"experiment_id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} without '..'");
		}
		return id;
	}

}
