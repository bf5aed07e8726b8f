package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BernoulliTest {

    @Test
    void logProbIsTheCrossEntropyFormulaForBinaryAndGrayscaleX() {
        double[] logits = {-2.0, -0.3, 0.0, 0.8, 3.5, 1.2};
        double[] x = {0.0, 1.0, 0.3, 0.75, 1.0, 0.5};
        double expected = 0;
        for (int d = 0; d < logits.length; d++) {
            double p = 1 / (1 + Math.exp(-logits[d]));
            expected += x[d] * Math.log(p) + (1 - x[d]) * Math.log(1 - p);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli bernoulli = new Bernoulli(m.create(toFloats(logits), new Shape(1, 6)));
            float[] got = bernoulli.logProb(m.create(toFloats(x), new Shape(1, 6))).toFloatArray();
            assertArrayEquals(new float[] {(float) expected}, got, 1e-5f);
        }
    }

    /** The pmf over the two levels: [log(1 - p), log p], normalized even at extreme logits. */
    @Test
    void logPmfGivesBothLevels() {
        float[] logits = {-2f, 0f, 3.5f, 100f, -100f, 0.8f};
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli bernoulli = new Bernoulli(m.create(logits, new Shape(2, 3)));
            assertEquals(2, bernoulli.levels());
            NDArray logPmf = bernoulli.logPmf();
            assertEquals(new Shape(2, 3, 2), logPmf.getShape());
            float[] got = logPmf.toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                double p = 1 / (1 + Math.exp(-logits[i]));
                double log1mP = logits[i] > 50 ? -logits[i] : Math.log1p(-p);
                double logP = logits[i] < -50 ? logits[i] : Math.log(p);
                assertEquals(log1mP, got[2 * i], 1e-5, "log(1 - p) at logit " + logits[i]);
                assertEquals(logP, got[2 * i + 1], 1e-5, "log p at logit " + logits[i]);
                assertEquals(1.0, Math.exp(got[2 * i]) + Math.exp(got[2 * i + 1]), 1e-6);
            }
            // logProb of a binary x is the pmf entry of its level
            float[] x = {0f, 1f, 1f, 0f, 0f, 1f};
            float[] perExample = bernoulli.logProb(m.create(x, new Shape(2, 3))).toFloatArray();
            assertEquals(got[0] + got[3] + got[5], perExample[0], 1e-4);
            assertEquals(got[6] + got[8] + got[11], perExample[1], 1e-4);
        }
    }

    @Test
    void logProbIsFiniteAndRightAtExtremeLogits() {
        // per example: one dimension, logit l and data x
        float[] logits = {100f, 100f, -100f, -100f, 100f, -100f};
        float[] x = {1f, 0f, 1f, 0f, 0.5f, 0.25f};
        // log sigmoid(100) = -log(1 + e^-100) ~ -3.7e-44; log(1 - sigmoid(100)) = -100 - log(1 + e^-100)
        float[] expected = {0f, -100f, -100f, 0f, -50f, -25f};
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli bernoulli = new Bernoulli(m.create(logits, new Shape(6, 1)));
            float[] got = bernoulli.logProb(m.create(x, new Shape(6, 1))).toFloatArray();
            for (float v : got) {
                assertTrue(Float.isFinite(v), "log-probability must be finite, got " + v);
            }
            assertArrayEquals(expected, got, 1e-4f);
        }
    }

    @Test
    void logProbBroadcastsOverLeadingSampleAxes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli bernoulli = new Bernoulli(m.create(new float[] {0f, 2f}, new Shape(1, 2)));
            NDArray x = m.create(new float[] {1f, 1f, 0f, 0f}, new Shape(2, 1, 2));
            double logHalf = Math.log(0.5);
            double logP = -Math.log1p(Math.exp(-2));
            double log1mP = -2 - Math.log1p(Math.exp(-2));
            float[] expected = {(float) (logHalf + logP), (float) (logHalf + log1mP)};
            assertArrayEquals(expected, bernoulli.logProb(x).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void meanIsTheSigmoidOfTheLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli bernoulli = new Bernoulli(m.create(new float[] {0f, (float) Math.log(3), -100f}, new Shape(1, 3)));
            assertArrayEquals(new float[] {0.5f, 0.75f, 0f}, bernoulli.mean().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void sampleFrequenciesMatchTheProbabilities() {
        int n = 20000;
        double[] p = {0.2, 0.7, 0.97};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = new float[3];
            for (int d = 0; d < 3; d++) {
                logits[d] = (float) Math.log(p[d] / (1 - p[d]));
            }
            NDArray batch = m.zeros(new Shape(n, 3)).add(m.create(logits));
            float[] draws = new Bernoulli(batch).sample(new Rng(3)).toFloatArray();
            for (int d = 0; d < 3; d++) {
                double ones = 0;
                for (int i = 0; i < n; i++) {
                    float v = draws[i * 3 + d];
                    assertTrue(v == 0f || v == 1f, "draws are 0 or 1, got " + v);
                    ones += v;
                }
                assertEquals(p[d], ones / n, 4 * Math.sqrt(p[d] * (1 - p[d]) / n), "dimension " + d);
            }
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
