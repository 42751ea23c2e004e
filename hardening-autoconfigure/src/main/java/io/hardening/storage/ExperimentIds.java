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

	/**
	 * Checks paging arguments of a listing.
	 * @param limit the page size, 1 or more
	 * @param offset how many to skip, 0 or more
	 * @throws InvalidExperimentException when either is out of range
	 */
	public static void validatePaging(int limit, int offset) {
		if (limit < 1 || offset < 0) {
			throw new InvalidExperimentException("invalid_paging",
					"limit must be 1 or more and offset 0 or more, got " + limit + " and " + offset);
		}
	}

}
