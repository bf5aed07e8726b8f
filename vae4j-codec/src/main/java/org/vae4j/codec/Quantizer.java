package org.vae4j.codec;

import java.util.Arrays;

/**
 * Probabilities to integer frequencies for entropy coding: the frequencies sum to exactly 2^precision
 * and each is at least 1, so every symbol stays codable however small its probability.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /**
     * f_i = 1 + floor(p_i (2^precision - n)) with p_i = w_i / sum_j w_j, then the leftover r = 2^precision -
     * sum_i f_i units (0 <= r <= n) go one each to the r most probable symbols, largest first (ties to the
     * lower index): reserving one unit per symbol up front means the sum is fixed without a search.
     * Since f_i > p_i (2^precision - n), the quantised q_i = f_i / 2^precision satisfies
     * p_i (1 - n / 2^precision) < q_i <= p_i + 2 / 2^precision, and the coding loss is bounded by
     * KL(p || q) = sum_i p_i log2(p_i / q_i) < -log2(1 - n / 2^precision) ~ n / 2^precision / ln 2 bits.
     *
     * @param weights non-negative, finite, not all zero; need not sum to 1
     * @param precision 1 to {@link RansStack#MAX_PRECISION}, with 2^precision >= weights.length
     */
    public static int[] frequencies(double[] weights, int precision) {
        RansStack.checkPrecision(precision);
        int n = weights.length;
        int total = 1 << precision;
        if (n == 0 || n > total) {
            throw new IllegalArgumentException(
                    "cannot give " + n + " symbols a frequency of at least 1 out of 2^" + precision);
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("a probability must be finite and non-negative, got " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("the probabilities are all zero");
        }
        int spare = total - n;
        int[] frequencies = new int[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            // f_i = 1 + floor(p_i (2^precision - n))
            frequencies[i] = 1 + (int) Math.min(spare, Math.floor(weights[i] / sum * spare));
            assigned += frequencies[i];
        }
        int leftover = (int) (total - assigned);
        if (leftover < 0) {
            throw new IllegalStateException("rounding overshot by " + (-leftover) + " units"); // impossible
        }
        if (leftover > 0) {
            giveToLargest(frequencies, weights, leftover);
        }
        return frequencies;
    }

    /**
     * One unit each to the {@code units} largest weights, ties to the lower index: every weight above the
     * units-th largest value t gets one, then the weights equal to t in index order until the units run
     * out. A primitive sort finds t (no boxing: this runs for every pixel of every coded image).
     */
    private static void giveToLargest(int[] frequencies, double[] weights, int units) {
        int n = weights.length;
        double[] sorted = weights.clone();
        Arrays.sort(sorted);
        double threshold = sorted[n - units];
        int left = units;
        for (int i = 0; i < n; i++) {
            if (weights[i] > threshold) {
                frequencies[i]++;
                left--;
            }
        }
        for (int i = 0; i < n && left > 0; i++) {
            if (weights[i] == threshold) {
                frequencies[i]++;
                left--;
            }
        }
    }

    /** {@link #frequencies(double[], int)} for float probabilities, e.g. a network's softmax output. */
    public static int[] frequencies(float[] weights, int precision) {
        double[] wide = new double[weights.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = weights[i];
        }
        return frequencies(wide, precision);
    }
}
