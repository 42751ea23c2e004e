package io.hardening.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample.
 */
public final class Stats {

	private Stats() {
	}

	public static double median(Collection<? extends Number> values) {
		return percentile(values, 50);
	}

	/**
	 * The nearest-rank percentile.
	 * @param values the sample
	 * @param percent 0 to 100
	 * @return the value, or {@code NaN} for an empty sample
	 */
	public static double percentile(Collection<? extends Number> values, double percent) {
		double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	public static double[] sorted(double[] values) {
		double[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

}
