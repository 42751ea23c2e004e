package io.hardening.init;

/**
 * How one initialization attempt ended.
 */
public enum InitOutcome {

	/**
	 * The attempt returned normally.
	 */
	SUCCESS,

	/**
	 * The attempt threw.
	 */
	FAILURE,

	/**
	 * The attempt ran past the attempt timeout and was cut off.
	 */
	TIMEOUT;

	/**
	 * Lower-case name, as used in metric tags.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
