package io.kairos.scheduler.benchmarks.e2e;

import java.util.Arrays;

/** Order statistics over a sample (nearest-rank percentiles). */
public final class Stats {

    private Stats() {
    }

    /**
     * @param values the sample (not modified)
     * @param p the percentile, 0..100
     * @return the nearest-rank percentile, NaN for an empty sample
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /**
     * @return the median (the mean of the two middle values for an even count), NaN when empty or when a value is NaN
     *     (unknown: sorting would put it last and the median would hide it)
     */
    public static double median(double[] values) {
        if (values.length == 0 || Arrays.stream(values).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** @return the smallest value, NaN when empty */
    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** @return the largest value, NaN when empty */
    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** @return the mean, NaN when empty */
    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
