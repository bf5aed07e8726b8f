package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GaussianMixturePriorTest {

    /** Two components in 2-D: weights softmax(0.3, -0.4), unequal means and variances. */
    private static final float[] LOGITS = {0.3f, -0.4f};
    private static final float[] MEANS = {1.0f, -0.5f, -2.0f, 0.7f};
    private static final float[] LOG_VARS = {0.2f, -0.6f, 0.9f, 0.0f};

    private static GaussianMixturePrior mixture(NDManager m) {
        return new GaussianMixturePrior(m.create(LOGITS), m.create(MEANS, new Shape(2, 2)),
                m.create(LOG_VARS, new Shape(2, 2)));
    }

    /** log sum_k pi_k prod_d N(z_d; mu_kd, sigma_kd^2), in double precision from the definition. */
    private static double logDensity(float[] z, int offset) {
        double[] weights = {Math.exp(LOGITS[0]), Math.exp(LOGITS[1])};
        double total = weights[0] + weights[1];
        double density = 0;
        for (int k = 0; k < 2; k++) {
            double component = weights[k] / total;
            for (int d = 0; d < 2; d++) {
                double variance = Math.exp(LOG_VARS[k * 2 + d]);
                double diff = z[offset + d] - MEANS[k * 2 + d];
                component *= Math.exp(-diff * diff / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
            }
            density += component;
        }
        return Math.log(density);
    }

    @Test
    void logProbIsTheMixtureDensity() {
        float[] z = {0f, 0f, 1f, -0.5f, -2f, 0.7f, 3f, -4f, -0.6f, 0.1f, 12f, 9f};
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = (float) logDensity(z, 2 * i);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianMixturePrior prior = mixture(m);
            assertEquals(2, prior.latentDim());
            assertEquals(2, prior.components());
            // measured: at most 1.2e-6 from the double-precision value (the last point lies near -78)
            assertArrayEquals(expected, prior.logProb(m.create(z, new Shape(6, 2))).toFloatArray(), 2e-5f);
            // leading sample axes: [k, B, L] gives [k, B] with the same values
            NDArray batched = prior.logProb(m.create(z, new Shape(3, 2, 2)));
            assertEquals(new Shape(3, 2), batched.getShape());
            assertArrayEquals(expected, batched.toFloatArray(), 2e-5f);
            assertArrayEquals(new float[] {(float) (0.3 - Math.log(Math.exp(0.3) + Math.exp(-0.4))),
                (float) (-0.4 - Math.log(Math.exp(0.3) + Math.exp(-0.4)))}, prior.logWeights().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void farFromEveryComponentTheLogDensityStaysFinite() {
        float[] z = {300f, -250f};
        double expected = logDensity(z, 0);
        assertTrue(expected < -3e4, "the density itself underflows: " + expected);
        try (NDManager m = NDManager.newBaseManager()) {
            float logP = mixture(m).logProb(m.create(z, new Shape(1, 2))).toFloatArray()[0];
            assertEquals(expected, logP, 1e-5 * Math.abs(expected));
        }
    }

    @Test
    void oneStandardComponentIsTheStandardNormal() {
        float[] z = {0f, 0f, 1f, -2f, 0.5f, 3f, -7.25f, 0.125f};
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianMixturePrior single = new GaussianMixturePrior(m.zeros(new Shape(1)), m.zeros(new Shape(1, 2)),
                    m.zeros(new Shape(1, 2)));
            NDArray points = m.create(z, new Shape(2, 2, 2));
            float[] standard = new StandardNormal(2).logProb(points).toFloatArray();
            float[] mixture = single.logProb(points).toFloatArray();
            // the mixture sums z^2 by a matrix product and adds the constant once, StandardNormal adds it per
            // dimension: measured bit-equal on three points, one float32 step (1.9e-6) apart at -28.1
            assertArrayEquals(standard, mixture, Math.ulp(30f));
        }
    }

    @Test
    void samplesHaveTheMixtureMeanVarianceAndWeights() {
        // 1-D, well separated: pi = (0.25, 0.75), mu = (-4, 2), sigma = (0.5, 1)
        double[] pi = {0.25, 0.75};
        double[] mu = {-4, 2};
        double[] variance = {0.25, 1};
        double mean = 0;
        for (int k = 0; k < 2; k++) {
            mean += pi[k] * mu[k];
        }
        double var = 0;
        double fourth = 0;
        for (int k = 0; k < 2; k++) {
            double a = mu[k] - mean;
            var += pi[k] * (variance[k] + a * a);
            // E[(Y - m)^4] for Y ~ N(mu_k, s^2): a^4 + 6 a^2 s^2 + 3 s^4
            fourth += pi[k] * (a * a * a * a + 6 * a * a * variance[k] + 3 * variance[k] * variance[k]);
        }
        int n = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianMixturePrior prior = new GaussianMixturePrior(
                    m.create(new float[] {(float) Math.log(pi[0]), (float) Math.log(pi[1])}),
                    m.create(new float[] {-4f, 2f}, new Shape(2, 1)),
                    m.create(new float[] {(float) Math.log(0.25), 0f}, new Shape(2, 1)));
            NDArray z = prior.sample(m, n, new Rng(11));
            assertEquals(new Shape(n, 1), z.getShape());
            double sum = 0;
            double sumSq = 0;
            int left = 0;
            for (float v : z.toFloatArray()) {
                sum += v;
                sumSq += (double) v * v;
                if (v < -1) {
                    left++;
                }
            }
            double sampleMean = sum / n;
            double sampleVar = sumSq / n - sampleMean * sampleMean;
            // 4 standard errors each
            assertEquals(mean, sampleMean, 4 * Math.sqrt(var / n));
            assertEquals(var, sampleVar, 4 * Math.sqrt((fourth - var * var) / n));
            // P(z < -1) = pi_0 Phi((-1 + 4) / 0.5) + pi_1 Phi((-1 - 2) / 1), Phi(6) = 1 - 9.866e-10 and
            // Phi(-3) = 0.0013498980 (tables): the second component's tail is 1.35e-3 of its mass
            double below = pi[0] * (1 - 9.866e-10) + pi[1] * 0.0013498980;
            assertEquals(below, (double) left / n, 4 * Math.sqrt(below * (1 - below) / n));
            // same seed, same draws
            assertArrayEquals(z.toFloatArray(), prior.sample(m, n, new Rng(11)).toFloatArray());
        }
    }

    @Test
    void monteCarloKlAveragesToTheAnalyticKlForOneComponent() {
        int draws = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray priorMean = m.create(new float[] {0.5f, -1f, 0.2f}, new Shape(1, 3));
            NDArray priorLogVar = m.create(new float[] {0.3f, -0.2f, 0.8f}, new Shape(1, 3));
            GaussianMixturePrior prior = new GaussianMixturePrior(m.zeros(new Shape(1)), priorMean, priorLogVar);
            DiagonalGaussian q = new DiagonalGaussian(
                    m.create(new float[] {1f, 0f, -0.5f, -0.3f, 0.4f, 1.5f}, new Shape(2, 3)),
                    m.create(new float[] {-0.5f, 0.1f, 0f, 0.6f, -1f, 0.2f}, new Shape(2, 3)));
            float[] analytic = q.kl(new DiagonalGaussian(priorMean, priorLogVar)).toFloatArray();
            NDArray z = q.rsample(new Rng(3).normal(m, new Shape(draws, 2, 3)));   // [draws, B, L]
            float[] estimates = prior.kl(q, z).toFloatArray();                      // [draws, B]
            for (int b = 0; b < 2; b++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < draws; i++) {
                    double v = estimates[i * 2 + b];
                    sum += v;
                    sumSq += v * v;
                }
                double mean = sum / draws;
                double stdErr = Math.sqrt((sumSq / draws - mean * mean) / draws);
                assertTrue(stdErr > 1e-3, "the estimate is random: std err " + stdErr);
                // measured: within 0.09 and 0.35 standard errors
                assertEquals(analytic[b], mean, 4 * stdErr, "example " + b);
            }
        }
    }

    @Test
    void uniformWeightsAndShapesAreChecked() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianMixturePrior uniform = GaussianMixturePrior.uniform(m.create(MEANS, new Shape(2, 2)),
                    m.create(LOG_VARS, new Shape(2, 2)));
            assertArrayEquals(new float[] {(float) -Math.log(2), (float) -Math.log(2)},
                    uniform.logWeights().toFloatArray(), 1e-7f);
            assertThrows(IllegalArgumentException.class, () -> new GaussianMixturePrior(m.zeros(new Shape(3)),
                    m.zeros(new Shape(2, 2)), m.zeros(new Shape(2, 2))));
            assertThrows(IllegalArgumentException.class, () -> new GaussianMixturePrior(m.zeros(new Shape(2)),
                    m.zeros(new Shape(2, 2)), m.zeros(new Shape(2, 3))));
        }
    }
}
