package org.vae4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianBucketsTest {

    /**
     * Every bucket holds 1/n of N(0, 1). A difference of two CDF values near 1/2 carries their rounding,
     * about 1.1e-16 each, so the check is absolute, 4e-16 (measured worst 2.2e-16 at b = 12, where 1/n =
     * 2.4e-4: 9e-13 relative).
     */
    @Test
    void bucketsHaveEqualPriorMass() {
        for (int bits : new int[] {1, 2, 4, 8, 12}) {
            GaussianBuckets buckets = new GaussianBuckets(bits);
            int n = buckets.size();
            double worst = 0;
            for (int k = 0; k < n; k++) {
                double lo = buckets.edge(k);
                double hi = buckets.edge(k + 1);
                // each difference between lower tails below the median, upper tails above it
                double mass = k < n / 2 ? Normal.cdf(hi) - Normal.cdf(lo) : Normal.survival(lo) - Normal.survival(hi);
                worst = Math.max(worst, Math.abs(mass - 1.0 / n));
                assertEquals(1.0 / n, buckets.masses(0, 1)[k], 4e-16, "b = " + bits + ", bucket " + k);
            }
            assertTrue(worst < 4e-16, "b = " + bits + ": " + worst);
        }
    }

    @Test
    void edgesAndCentres() {
        GaussianBuckets two = new GaussianBuckets(2);
        // Phi^-1(1/4) = -0.6744897501960817432 (mpmath)
        assertEquals(-0.6744897501960817432, two.edge(1), 3e-16); // Normal's quantile is good to 2.2e-16
        assertEquals(0.0, two.edge(2));
        assertEquals(Double.NEGATIVE_INFINITY, two.edge(0));
        assertEquals(Double.POSITIVE_INFINITY, two.edge(4));
        GaussianBuckets one = new GaussianBuckets(1);
        assertEquals(-0.6744897501960817432, one.centre(0), 3e-16); // median of the lower half: Phi^-1(1/4)
        GaussianBuckets buckets = new GaussianBuckets(10);
        int n = buckets.size();
        for (int k = 0; k < n; k++) {
            assertEquals(-buckets.edge(k), buckets.edge(n - k), 0.0); // exactly symmetric
            assertEquals(-buckets.centre(k), buckets.centre(n - 1 - k), 0.0);
            assertTrue(buckets.edge(k) < buckets.centre(k) && buckets.centre(k) < buckets.edge(k + 1));
            assertEquals(k, buckets.bucketOf(buckets.centre(k)));
            assertEquals(k, buckets.bucketOf(buckets.edge(k)));
        }
        assertEquals(0, buckets.bucketOf(Double.NEGATIVE_INFINITY));
        assertEquals(n - 1, buckets.bucketOf(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> buckets.bucketOf(Double.NaN));
    }

    @Test
    void priorIsUniformOverBuckets() {
        Frequencies prior = new GaussianBuckets(6).prior(16);
        assertEquals(64, prior.size());
        for (int k = 0; k < 64; k++) {
            assertEquals(1 << 10, prior.frequency(k));
        }
        assertEquals(6.0, prior.entropyBits(), 1e-15);
        // pushing a bucket with the prior costs 6 bits: x' = floor(x / 2^10) 2^16 + 37 2^10 + x mod 2^10 is
        // 2^6 x up to 2^16, i.e. up to 2^(16 - 32) / ln 2 = 2.2e-5 bits for x >= 2^32 (measured 1.1e-6)
        RansStack stack = new RansStack(3, 4);
        double before = stack.informationBits();
        stack.push(prior, 37);
        assertEquals(6.0, stack.informationBits() - before, 2.2e-5);
    }

    @Test
    void posteriorMassesAreCdfDifferences() {
        GaussianBuckets buckets = new GaussianBuckets(4);
        // far tail of N(-3, 0.5^2): mass above e_15 = Phi^-1(15/16) is Q((e_15 + 3) / 0.5) =
        // 6.0476845247775472692e-20 (mpmath: ncdf(-(sqrt(2) erfinv(7/8) + 3) / 0.5)); 1 - Phi would give 0
        double[] masses = buckets.masses(-3, 0.5);
        assertEquals(6.0476845247775472692e-20, masses[15], 1e-13 * 6.05e-20);
        assertEquals(1.0, Arrays.stream(masses).sum(), 1e-15);
        SplittableRandom random = new SplittableRandom(8);
        GaussianBuckets fine = new GaussianBuckets(8);
        for (int trial = 0; trial < 100; trial++) {
            double mean = 4 * random.nextDouble() - 2;
            double std = Math.exp(-5 * random.nextDouble());
            double[] m = fine.masses(mean, std);
            assertEquals(1.0, Arrays.stream(m).sum(), 1e-14);
            // any run of buckets telescopes to a CDF difference over its outer edges
            int lo = random.nextInt(256);
            int hi = lo + random.nextInt(256 - lo);
            double run = Arrays.stream(m, lo, hi + 1).sum();
            double expected = Normal.cdf((fine.edge(hi + 1) - mean) / std) - Normal.cdf((fine.edge(lo) - mean) / std);
            assertEquals(expected, run, 1e-14);
        }
    }

    @Test
    void posteriorsQuantiseToTheFullPrecision() {
        GaussianBuckets buckets = new GaussianBuckets(8);
        // a posterior far narrower than a bucket: all mass in one bucket, 1 unit for each of the others
        Frequencies sharp = buckets.posterior(0.123, 1e-6, 24);
        int k = buckets.bucketOf(0.123);
        assertEquals((1 << 24) - 255, sharp.frequency(k));
        // the posterior equal to the prior quantises to the prior, give or take the leftover units
        Frequencies same = buckets.posterior(0, 1, 16);
        for (int j = 0; j < 256; j++) {
            assertEquals(1 << 8, same.frequency(j), 1);
        }
    }

    /**
     * Bits back with buckets: pop a bucket with the posterior from clean bits, push it with the prior; undoing
     * it restores the stack, and the net cost is log2 q(k) / p(k) up to rANS rounding, at most
     * 2^(20 - 32) / ln 2 = 3.5e-4 bits per operation at precision 20 (measured worst 2.0e-4 over two).
     */
    @Test
    void popPosteriorPushPriorIsUndone() {
        GaussianBuckets buckets = new GaussianBuckets(8);
        Frequencies prior = buckets.prior(20);
        SplittableRandom random = new SplittableRandom(4);
        RansStack stack = new RansStack(12, 64);
        double worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            Frequencies posterior = buckets.posterior(3 * random.nextDouble() - 1.5, 0.02 + random.nextDouble(), 20);
            byte[] before = stack.toBytes();
            double bitsBefore = stack.informationBits();
            int k = stack.pop(posterior);
            stack.push(prior, k);
            double netBits = stack.informationBits() - bitsBefore;
            worst = Math.max(worst, Math.abs(prior.codeLengthBits(k) - posterior.codeLengthBits(k) - netBits));
            assertEquals(prior.codeLengthBits(k) - posterior.codeLengthBits(k), netBits, 7e-4, "trial " + trial);
            RansStack undo = stack.copy();
            assertEquals(k, undo.pop(prior));
            undo.push(posterior, k);
            assertArrayEquals(before, undo.toBytes(), "trial " + trial);
        }
        System.out.printf("bits back with buckets: worst net-cost deviation %.2g bits%n", worst);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianBuckets(0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianBuckets(21));
        GaussianBuckets buckets = new GaussianBuckets(8);
        assertThrows(IllegalArgumentException.class, () -> buckets.prior(7));
        assertThrows(IllegalArgumentException.class, () -> buckets.posterior(0, 1, 25));
        assertThrows(IllegalArgumentException.class, () -> buckets.posterior(0, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> buckets.posterior(Double.NaN, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> buckets.posterior(0, Double.POSITIVE_INFINITY, 16));
    }
}
