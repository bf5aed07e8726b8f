package org.vae4j.codec;

import java.util.Arrays;

/**
 * The discretisation of a continuous latent for bits-back coding (Townsend, Bird and Barber 2019,
 * section 2.5.1): the real line is cut into n = 2^bucketBits buckets of equal mass under the prior
 * N(0, 1), with edges e_k = Phi^-1(k / n) (e_0 = -infinity, e_n = +infinity). Under the prior every
 * bucket has probability 1 / n; a diagonal-Gaussian posterior N(mu, sigma^2) gives bucket k the mass
 * Phi((e_{k+1} - mu) / sigma) - Phi((e_k - mu) / sigma). A decoded bucket stands for its centre,
 * Phi^-1((k + 1/2) / n), the prior's median inside it. Immutable.
 */
public final class GaussianBuckets {

    private final int bucketBits;
    private final double[] edges;
    private final double[] centres;

    /** @param bucketBits 1 to 20: 2 to about a million buckets */
    public GaussianBuckets(int bucketBits) {
        if (bucketBits < 1 || bucketBits > 20) {
            throw new IllegalArgumentException("bucket bits must be 1 to 20, got " + bucketBits);
        }
        this.bucketBits = bucketBits;
        int n = 1 << bucketBits;
        edges = new double[n + 1];
        centres = new double[n];
        for (int k = 0; k <= n; k++) {
            edges[k] = Normal.quantile((double) k / n); // e_k = Phi^-1(k / n), exact k / n for n <= 2^20
        }
        for (int k = 0; k < n; k++) {
            centres[k] = Normal.quantile((k + 0.5) / n);
        }
    }

    public int bucketBits() {
        return bucketBits;
    }

    /** n = 2^bucketBits. */
    public int size() {
        return centres.length;
    }

    /** e_k, for 0 <= k <= n; bucket k is [e_k, e_{k+1}). */
    public double edge(int k) {
        return edges[k];
    }

    /** Phi^-1((k + 1/2) / n), the value a decoded bucket k stands for. */
    public double centre(int k) {
        return centres[k];
    }

    /** The bucket k with e_k <= z < e_{k+1}. */
    public int bucketOf(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("no bucket holds NaN");
        }
        int found = Arrays.binarySearch(edges, 0, edges.length - 1, z);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * The prior N(0, 1) over the buckets: every bucket gets 2^(precision - bucketBits).
     *
     * @param precision bucketBits to {@link RansStack#MAX_PRECISION}
     */
    public Frequencies prior(int precision) {
        checkPrecision(precision);
        int[] frequencies = new int[size()];
        Arrays.fill(frequencies, 1 << (precision - bucketBits));
        return Frequencies.of(precision, frequencies);
    }

    /**
     * The posterior N(mean, std^2) over the buckets, quantised by {@link Quantizer}: the mass of bucket k is
     * P(e_k <= Z < e_{k+1}) = Phi(t_{k+1}) - Phi(t_k) with t_k = (e_k - mean) / std, each difference taken
     * between the smaller tails so that buckets far out keep their relative accuracy.
     *
     * @param precision bucketBits to {@link RansStack#MAX_PRECISION}; each bucket gets at least 1 unit, so
     *     bucketBits + 8 or more keeps the floor's cost small (the n units cost up to n / 2^precision / ln 2
     *     bits, see {@link Quantizer#frequencies(double[], int)})
     */
    public Frequencies posterior(double mean, double std, int precision) {
        checkPrecision(precision);
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("a posterior needs a finite mean and a finite std > 0, got mean "
                    + mean + ", std " + std);
        }
        return Frequencies.quantize(masses(mean, std), precision);
    }

    /** The unquantised bucket masses of N(mean, std^2), which sum to 1 up to rounding. */
    double[] masses(double mean, double std) {
        int n = size();
        double[] standardised = new double[n + 1];
        double[] smallerTail = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            standardised[k] = (edges[k] - mean) / std; // t_k = (e_k - mu) / sigma
            smallerTail[k] = Normal.cdf(-Math.abs(standardised[k])); // min(Phi(t_k), 1 - Phi(t_k))
        }
        double[] masses = new double[n];
        for (int k = 0; k < n; k++) {
            double lo = standardised[k];
            double hi = standardised[k + 1];
            if (hi <= 0) {
                masses[k] = smallerTail[k + 1] - smallerTail[k]; // Phi(t_{k+1}) - Phi(t_k)
            } else if (lo >= 0) {
                masses[k] = smallerTail[k] - smallerTail[k + 1]; // Q(t_k) - Q(t_{k+1})
            } else {
                masses[k] = 1.0 - smallerTail[k] - smallerTail[k + 1]; // 1 - Phi(t_k) - Q(t_{k+1})
            }
        }
        return masses;
    }

    private void checkPrecision(int precision) {
        if (precision < bucketBits || precision > RansStack.MAX_PRECISION) {
            throw new IllegalArgumentException("precision must be " + bucketBits + " (the bucket bits) to "
                    + RansStack.MAX_PRECISION + ", got " + precision);
        }
    }
}
