package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EM for Gaussian mixtures: the tight bound, monotone likelihood, recovery of known mixtures. */
class GaussianMixtureTest {

    /** Three well-separated 2-D components: weights, means, and covariances [s_xx, s_xy, s_yy]. */
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[][] MEANS = {{0, 0}, {8, 1}, {2, 9}};
    private static final double[][] COVARIANCES = {{1.0, 0.6, 1.0}, {2.0, -0.5, 0.5}, {0.5, 0.0, 1.5}};

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void boundAfterTheEStepEqualsTheLogLikelihood(CovarianceType type) {
        int n = 600;
        float[] x = sample(n, 11);
        GaussianMixture gmm = GaussianMixture.fit(x, n, 2, GmmConfig.builder(3).covariance(type).tolerance(0)
                .maxIterations(30).build());
        assertEquals(30, gmm.history().size());
        for (EmStep step : gmm.history()) {
            // F(q, theta) = sum_i sum_k r_ik (log p(x_i, k) - log r_ik) with r the responsibilities: equal to
            // log p(x) whatever the parameters, once r is the exact posterior (measured: a few 1e-16
            // relative); that the E-step computes the right posterior is checked against direct density
            // sums in perExampleLogLikelihoodMatchesADirectComputation
            assertEquals(step.logLikelihood(), step.elboAfterEStep(), 1e-9 * Math.abs(step.logLikelihood()),
                    "iteration " + step.iteration());
        }
        // the bound after the E-step is tight, and the M-step then improves it strictly at first
        EmStep first = gmm.history().get(0);
        assertTrue(first.elboAfterMStep() > first.elboAfterEStep() + 0.01, first.toString());
    }

    /**
     * log p(x | theta_t) = F(q_t, theta_t) <= F(q_t, theta_t+1) <= log p(x | theta_t+1): exact with no
     * regularization. Three overlapping components make EM take many small steps.
     */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void likelihoodAndBoundNeverDecrease(CovarianceType type) {
        int n = 500;
        float[] x = overlapping(n, 5);
        for (double regularization : new double[] {0, 1e-6}) {
            GaussianMixture gmm = GaussianMixture.fit(x, n, 2, GmmConfig.builder(3).covariance(type).tolerance(0)
                    .maxIterations(60).regularization(regularization).build());
            List<EmStep> history = gmm.history();
            assertEquals(60, history.size());
            // rounding of a mean of 500 float64 terms: below 1e-12 relative; measured worst 0 for reg 0
            double slack = 1e-12 * Math.abs(gmm.logLikelihood());
            for (int t = 0; t < history.size(); t++) {
                EmStep step = history.get(t);
                double next = t + 1 < history.size() ? history.get(t + 1).logLikelihood() : gmm.logLikelihood();
                String where = type + " reg " + regularization + " iteration " + step.iteration();
                assertTrue(step.elboAfterMStep() >= step.elboAfterEStep() - slack, where + ": M-step lowered F");
                assertTrue(next >= step.elboAfterMStep() - slack, where + ": E-step lowered F");
            }
            double gain = gmm.logLikelihood() - history.get(0).logLikelihood();
            assertTrue(gain > 0.1, "EM improved the likelihood by " + gain + " nats per example");
        }
    }

    @Test
    void recoversAWellSeparatedMixture() {
        int n = 4000;
        float[] x = sample(n, 3);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gmm = GaussianMixture.fit(x, n, 2, GmmConfig.builder(3).covariance(type).build());
            assertTrue(gmm.converged(), gmm.toString());
            int[] match = matchComponents(gmm);
            double[] weights = gmm.weights();
            double[] means = gmm.means();
            for (int c = 0; c < 3; c++) {
                int k = match[c];
                double nk = n * WEIGHTS[c];
                // binomial standard error sqrt(w (1 - w) / n) <= 0.008: 4 of them
                assertEquals(WEIGHTS[c], weights[k], 0.03, "weight of component " + c);
                for (int j = 0; j < 2; j++) {
                    // the mean's standard error is sqrt(Sigma_jj / N_k), at most 0.05 here: 5 of them
                    double stdErr = Math.sqrt(COVARIANCES[c][j == 0 ? 0 : 2] / nk);
                    assertEquals(MEANS[c][j], means[2 * k + j], 5 * stdErr, type + " mean " + c + "," + j);
                }
                double[] sigma = gmm.covariance(k);
                // a variance's relative standard error is sqrt(2 / N_k) <= 0.035: 15% covers 4 of them
                assertEquals(COVARIANCES[c][0], sigma[0], 0.15 * COVARIANCES[c][0], type + " variance x " + c);
                assertEquals(COVARIANCES[c][2], sigma[3], 0.15 * COVARIANCES[c][2], type + " variance y " + c);
                assertEquals(sigma[1], sigma[2], 0.0, "symmetric");
                if (type == CovarianceType.FULL) {
                    assertEquals(COVARIANCES[c][1], sigma[1], 0.1, "covariance xy " + c);
                } else {
                    assertEquals(0.0, sigma[1], 0.0, "a diagonal covariance");
                }
            }
        }
    }

    /** In one dimension a full and a diagonal covariance are the same model: EM takes the same path. */
    @Test
    void fullAndDiagonalAgreeInOneDimension() {
        int n = 400;
        float[] x = new float[n];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (i % 3 == 0 ? 4 + 0.5 * random.nextGaussian() : -1 + random.nextGaussian());
        }
        GmmConfig.Builder builder = GmmConfig.builder(2).tolerance(0).maxIterations(40);
        GaussianMixture full = GaussianMixture.fit(x, n, 1, builder.covariance(CovarianceType.FULL).build());
        GaussianMixture diagonal = GaussianMixture.fit(x, n, 1, builder.covariance(CovarianceType.DIAGONAL).build());
        for (int t = 0; t < 40; t++) {
            EmStep a = full.history().get(t);
            EmStep b = diagonal.history().get(t);
            assertEquals(a.logLikelihood(), b.logLikelihood(), 1e-12 * Math.abs(a.logLikelihood()));
            assertEquals(a.elboAfterMStep(), b.elboAfterMStep(), 1e-12 * Math.abs(a.logLikelihood()));
        }
        assertArrayEquals(full.weights(), diagonal.weights(), 1e-10);
        assertArrayEquals(full.means(), diagonal.means(), 1e-10);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(full.covariance(k), diagonal.covariance(k), 1e-10);
        }
        assertEquals(2.0 / 3, Math.max(full.weights()[0], full.weights()[1]), 0.05);
    }

    /**
     * Components that are axis-aligned in truth: a full fit finds near-zero correlations and the same
     * means and weights as a diagonal fit, and at most a little more likelihood.
     */
    @Test
    void fullAndDiagonalAgreeOnAxisAlignedComponents() {
        int n = 3000;
        float[] x = new float[2 * n];
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < n; i++) {
            boolean first = i % 2 == 0;
            x[2 * i] = (float) ((first ? 0 : 6) + (first ? 1.5 : 0.5) * random.nextGaussian());
            x[2 * i + 1] = (float) ((first ? 0 : 4) + (first ? 0.5 : 1.0) * random.nextGaussian());
        }
        GaussianMixture full = GaussianMixture.fit(x, n, 2, GmmConfig.builder(2).build());
        GaussianMixture diagonal = GaussianMixture.fit(x, n, 2,
                GmmConfig.builder(2).covariance(CovarianceType.DIAGONAL).build());
        int swap = Math.abs(full.means()[0] - diagonal.means()[0]) < 1 ? 0 : 1;
        for (int k = 0; k < 2; k++) {
            int j = k ^ swap;
            assertEquals(full.weights()[k], diagonal.weights()[j], 0.005);
            for (int c = 0; c < 2; c++) {
                assertEquals(full.means()[2 * k + c], diagonal.means()[2 * j + c], 0.02);
            }
            double[] sigma = full.covariance(k);
            double correlation = sigma[1] / Math.sqrt(sigma[0] * sigma[3]);
            // sampling spread of a correlation from 1500 points: 1 / sqrt(1500) = 0.026
            assertEquals(0.0, correlation, 0.1, "component " + k);
        }
        double gain = full.logLikelihood() - diagonal.logLikelihood();
        // two extra parameters buy about 1 / n nats; measured 0.0002
        assertTrue(gain > -1e-3 && gain < 0.005, "full - diagonal log-likelihood " + gain);
    }

    @Test
    void seededReproducibility() {
        int n = 500;
        float[] x = overlapping(n, 9);
        GmmConfig config = GmmConfig.builder(3).seed(42).build();
        GaussianMixture a = GaussianMixture.fit(x, n, 2, config);
        GaussianMixture b = GaussianMixture.fit(x, n, 2, config);
        assertEquals(a.history(), b.history());
        assertArrayEquals(a.means(), b.means(), 0.0);
        assertArrayEquals(a.covariance(2), b.covariance(2), 0.0);
        GaussianMixture other = GaussianMixture.fit(x, n, 2, GmmConfig.builder(3).seed(43).build());
        assertNotEquals(a.history().get(0).logLikelihood(), other.history().get(0).logLikelihood(),
                "another seed starts from other k-means++ means");
    }

    /** log p(x) of the fitted model equals a direct sum of 2-D Gaussian densities. */
    @Test
    void perExampleLogLikelihoodMatchesADirectComputation() {
        int n = 300;
        float[] x = sample(n, 4);
        GaussianMixture gmm = GaussianMixture.fit(x, n, 2, GmmConfig.builder(3).maxIterations(5).build());
        double[] logPx = gmm.logLikelihood(x, n);
        double[] r = gmm.responsibilities(x, n);
        int[] labels = gmm.predict(x, n);
        double[] weights = gmm.weights();
        double[] means = gmm.means();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] density = new double[3];
            double p = 0;
            for (int k = 0; k < 3; k++) {
                density[k] = weights[k] * gaussian2d(x[2 * i], x[2 * i + 1], means[2 * k], means[2 * k + 1],
                        gmm.covariance(k));
                p += density[k];
            }
            assertEquals(Math.log(p), logPx[i], 1e-9 * Math.max(1, Math.abs(logPx[i])), "row " + i);
            int best = 0;
            for (int k = 0; k < 3; k++) {
                assertEquals(density[k] / p, r[3 * i + k], 1e-9);
                best = density[k] > density[best] ? k : best;
            }
            assertEquals(best, labels[i]);
            sum += logPx[i];
        }
        assertEquals(gmm.logLikelihood(), sum / n, 1e-9 * Math.abs(sum / n));
    }

    @Test
    void badArguments() {
        float[] x = sample(10, 1);
        assertThrows(IllegalArgumentException.class, () -> GmmConfig.builder(0).build());
        assertThrows(IllegalArgumentException.class, () -> GmmConfig.builder(2).tolerance(-1).build());
        assertThrows(IllegalArgumentException.class, () -> GmmConfig.builder(2).maxIterations(0).build());
        assertThrows(IllegalArgumentException.class, () -> GmmConfig.builder(2).regularization(Double.NaN).build());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fit(x, 10, 2, GmmConfig.builder(11).build()));
        assertTrue(tooMany.getMessage().contains("exceeds the 10 examples"), tooMany.getMessage());
        x[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fit(x, 10, 2, GmmConfig.builder(2).build()));
        assertEquals(CovarianceType.DIAGONAL, CovarianceType.parse("Diag"));
        assertThrows(IllegalArgumentException.class, () -> CovarianceType.parse("spherical"));
    }

    /** N(x; mu, Sigma) in 2-D with Sigma = [[a, b], [b, c]]. */
    private static double gaussian2d(double x, double y, double mx, double my, double[] sigma) {
        double a = sigma[0];
        double b = sigma[1];
        double c = sigma[3];
        double det = a * c - b * b;
        double dx = x - mx;
        double dy = y - my;
        double mahalanobis = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
        return Math.exp(-0.5 * mahalanobis) / (2 * Math.PI * Math.sqrt(det));
    }

    /** The fitted component nearest each true mean; fails unless they are distinct. */
    private static int[] matchComponents(GaussianMixture gmm) {
        double[] means = gmm.means();
        int[] match = new int[3];
        boolean[] used = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double distance = Math.hypot(means[2 * k] - MEANS[c][0], means[2 * k + 1] - MEANS[c][1]);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = k;
                }
            }
            assertTrue(!used[best], "two true components matched fitted component " + best);
            used[best] = true;
            match[c] = best;
        }
        return match;
    }

    /** n rows from the three-component mixture, the components drawn in proportion to the weights. */
    static float[] sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int c = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
            double[] s = COVARIANCES[c];
            // Cholesky of [[a, b], [b, c]]: l11 = sqrt(a), l21 = b / l11, l22 = sqrt(c - l21^2)
            double l11 = Math.sqrt(s[0]);
            double l21 = s[1] / l11;
            double l22 = Math.sqrt(s[2] - l21 * l21);
            double e1 = random.nextGaussian();
            double e2 = random.nextGaussian();
            x[2 * i] = (float) (MEANS[c][0] + l11 * e1);
            x[2 * i + 1] = (float) (MEANS[c][1] + l21 * e1 + l22 * e2);
        }
        return x;
    }

    /** n rows of three heavily overlapping blobs, on which EM converges slowly. */
    static float[] overlapping(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[2 * i] = (float) (c * 1.2 + random.nextGaussian());
            x[2 * i + 1] = (float) ((c == 1 ? 1.0 : 0.0) + (0.5 + 0.4 * c) * random.nextGaussian());
        }
        return x;
    }
}
