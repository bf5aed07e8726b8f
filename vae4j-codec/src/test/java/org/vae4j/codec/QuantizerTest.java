package org.vae4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizerTest {

    @Test
    void exactSmallCases() {
        // spare = 16 - 3 = 13: 1 + floor(6.5, 3.25, 3.25) = 7, 4, 4; the leftover unit goes to the largest
        assertArrayEquals(new int[] {8, 4, 4}, Quantizer.frequencies(new double[] {0.5, 0.25, 0.25}, 4));
        assertArrayEquals(new int[] {6, 1, 1}, Quantizer.frequencies(new double[] {1, 0, 0}, 3));
        // weights need not be normalised; floats too
        assertArrayEquals(new int[] {8, 4, 4}, Quantizer.frequencies(new float[] {2f, 1f, 1f}, 4));
        assertArrayEquals(new int[] {1 << 24}, Quantizer.frequencies(new double[] {0.3}, 24));
        assertArrayEquals(new int[] {4, 4, 4, 4}, Quantizer.frequencies(new double[] {1, 1, 1, 1}, 4));
        // spare = 1: 1 + floor(1/3) = 1 each; the leftover unit breaks the tie towards the lower index
        assertArrayEquals(new int[] {2, 1, 1}, Quantizer.frequencies(new double[] {1, 1, 1}, 2));
    }

    @Test
    void everySymbolFitsWhenThereAreAsManyAsSlots() {
        double[] skewed = new double[256];
        skewed[3] = 1;
        int[] frequencies = Quantizer.frequencies(skewed, 8);
        assertEquals(256, Arrays.stream(frequencies).sum());
        assertTrue(Arrays.stream(frequencies).allMatch(f -> f == 1));
    }

    /**
     * Over random vectors (sizes 1 to 5000, precisions up to 24, a third of the entries zero, some
     * probabilities below 2^-30): the sum is exactly 2^precision, every frequency >= 1, q_i = f_i / 2^p lies
     * in (p_i (1 - n / 2^p), p_i + 2 / 2^p], and KL(p || q) < -log2(1 - n / 2^p) bits.
     */
    @Test
    void sumsExactlyAndStaysWithinTheBound() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial % 10 == 0 ? 5000 : 60);
            int minPrecision = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
            int precision = Math.max(1, minPrecision) + random.nextInt(RansStack.MAX_PRECISION - Math.max(1, minPrecision) + 1);
            double[] weights = randomWeights(random, n);
            int[] frequencies = Quantizer.frequencies(weights, precision);
            double total = 1 << precision;
            double sum = Arrays.stream(weights).sum();
            long frequencySum = 0;
            double kl = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(frequencies[i] >= 1);
                frequencySum += frequencies[i];
                double p = weights[i] / sum;
                double q = frequencies[i] / total;
                assertTrue(q > p * (1 - n / total) && q <= p + 2 / total + 1e-15,
                        "trial " + trial + ", symbol " + i + ": p " + p + ", q " + q);
                if (p > 0) {
                    kl += p * Math.log(p / q) / Math.log(2);
                }
            }
            assertEquals(1L << precision, frequencySum, "trial " + trial);
            assertTrue(kl < -Math.log(1 - n / total) / Math.log(2) + 1e-12, "trial " + trial + ": KL " + kl);
        }
    }

    @Test
    void rejectsWhatCannotBeQuantised() {
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[5], 2)); // 5 > 2^2
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[3], 8)); // all zero
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[0], 8));
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[] {1, -0.1}, 8));
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[] {1, Double.NaN}, 8));
        assertThrows(IllegalArgumentException.class,
                () -> Quantizer.frequencies(new double[] {1, Double.POSITIVE_INFINITY}, 8));
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[] {1}, 25));
        assertThrows(IllegalArgumentException.class, () -> Quantizer.frequencies(new double[] {1}, 0));
    }

    /** Dirichlet-like weights with zeros and some tiny values, to reach the floor of 1. */
    static double[] randomWeights(SplittableRandom random, int n) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            weights[i] = u < 0.3 ? 0 : u < 0.4 ? 1e-10 * random.nextDouble() : -Math.log(1 - random.nextDouble());
        }
        weights[random.nextInt(n)] += 1;
        return weights;
    }
}
