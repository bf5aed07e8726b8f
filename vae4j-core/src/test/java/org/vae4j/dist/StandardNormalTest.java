package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    @Test
    void logProbIsTheStandardNormalDensity() {
        float[] z = {0f, 0f, 1f, -2f, 0.5f, 3f};
        float[] expected = new float[3];
        for (int b = 0; b < 3; b++) {
            double density = 1;
            for (int d = 0; d < 2; d++) {
                double v = z[b * 2 + d];
                density *= Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
            }
            expected[b] = (float) Math.log(density);
        }
        assertEquals(-Math.log(2 * Math.PI), expected[0], 1e-6);
        try (NDManager m = NDManager.newBaseManager()) {
            StandardNormal prior = new StandardNormal(2);
            assertArrayEquals(expected, prior.logProb(m.create(z, new Shape(3, 2))).toFloatArray(), 1e-5f);
            // leading sample axes: [K, B, L] gives [K, B]
            float[] batched = prior.logProb(m.create(z, new Shape(3, 1, 2))).toFloatArray();
            assertArrayEquals(expected, batched, 1e-5f);
        }
    }

    @Test
    void klIsTheAnalyticKlOfThePosterior() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {1f, 0f, 0.5f, -0.5f}, new Shape(2, 2));
            NDArray logVar = m.create(new float[] {0f, 0f, 0.4f, -0.4f}, new Shape(2, 2));
            DiagonalGaussian q = new DiagonalGaussian(mean, logVar);
            float[] kl = new StandardNormal(2).kl(q, m.zeros(new Shape(2, 2))).toFloatArray();
            double second = 0.5 * (0.25 + Math.exp(0.4) - 1 - 0.4) + 0.5 * (0.25 + Math.exp(-0.4) - 1 + 0.4);
            assertArrayEquals(new float[] {0.5f, (float) second}, kl, 1e-6f);
        }
    }

    @Test
    void samplesAreStandardNormal() {
        int n = 10000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = new StandardNormal(3).sample(m, n, new Rng(5));
            assertEquals(new Shape(n, 3), z.getShape());
            float[] v = z.toFloatArray();
            double sum = 0;
            double sumSq = 0;
            for (float x : v) {
                sum += x;
                sumSq += (double) x * x;
            }
            int count = v.length;
            assertEquals(0, sum / count, 4 / Math.sqrt(count));
            assertEquals(1, sumSq / count, 4 * Math.sqrt(2.0 / count));
        }
    }
}
