package io.hardening.storage;

import java.util.regex.Pattern;

/**
 * Validates experiment ids before any I/O. An id is 1 to 128 characters of letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit: it has no
 * separator and cannot be {@code .} or {@code ..}, so it can never name a parent
 * directory, a nested path or an encoded one (the {@code %} of {@code %2e} is refused).
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
		return id != null && VALID.matcher(id).matches();
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
					"experiment_id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
		}
		return id;
	}

}
