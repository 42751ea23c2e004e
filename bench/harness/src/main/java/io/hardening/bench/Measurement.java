package io.hardening.bench;

/**
 * One figure of a benchmark run, with the baseline it is compared to when there is one.
 *
 * @param part the harness part that measured it ({@code probes}, {@code startup},
 * {@code streams}, {@code storage})
 * @param name what was measured, e.g. {@code /live requests/s}
 * @param value the figure for the starter (the sample app or the starter's code)
 * @param baseline the same figure for the baseline (plain Boot, raw {@code Files.write}),
 * or {@code null} when there is none
 * @param unit the unit of {@code value} and {@code baseline}
 * @param higherIsBetter whether a larger value is the better one (throughput) or not
 * (latency, memory)
 * @param note how it was measured or what limits it, for the table
 */
public record Measurement(String part, String name, double value, Double baseline, String unit, boolean higherIsBetter,
		String note) {

	public static Measurement of(String part, String name, double value, String unit, String note) {
		return new Measurement(part, name, value, null, unit, false, note);
	}

	public static Measurement compared(String part, String name, double value, double baseline, String unit,
			boolean higherIsBetter, String note) {
		return new Measurement(part, name, value, baseline, unit, higherIsBetter, note);
	}

	/**
	 * The starter's figure divided by the baseline's, or {@code null} without a baseline.
	 * @return the ratio
	 */
	public Double ratio() {
		return (this.baseline != null && this.baseline != 0) ? this.value / this.baseline : null;
	}

}
