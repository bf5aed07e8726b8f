package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class BetaBinomialTest {

    private static final int N = 255;
    private static final int V = 256;
    /** Ordinary, skewed, U-shaped, at the floor, concentrated near the binomial limit, and large. */
    private static final double[] ALPHA = {2.5, 0.01, 0.5, 1e-3, 500, 3e4};
    private static final double[] BETA = {0.7, 30, 0.5, 1e-3, 800, 1e4};

    /**
     * log P(v) in double without lgamma: log C(n, v) + log (alpha)_v + log (beta)_(n-v) - log (alpha+beta)_n
     * with rising factorials (a)_k = a (a + 1) ... (a + k - 1), i.e. B(v + alpha, n - v + beta) / B(alpha, beta).
     */
    private static double referenceLogPmf(int v, double alpha, double beta) {
        double logP = 0;
        for (int i = 0; i < v; i++) {
            logP += Math.log(N - i) - Math.log(i + 1) + Math.log(alpha + i);
        }
        for (int i = 0; i < N - v; i++) {
            logP += Math.log(beta + i);
        }
        for (int i = 0; i < N; i++) {
            logP -= Math.log(alpha + beta + i);
        }
        return logP;
    }

    private static BetaBinomial distribution(NDManager m, double[] alpha, double[] beta) {
        float[] logAlpha = new float[alpha.length];
        float[] logBeta = new float[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            logAlpha[i] = (float) Math.log(alpha[i]);
            logBeta[i] = (float) Math.log(beta[i]);
        }
        Shape shape = new Shape(2, alpha.length / 2);
        return new BetaBinomial(m.create(logAlpha, shape), m.create(logBeta, shape));
    }

    /** exp of the float32 log parameter, as the distribution sees it. */
    private static double rounded(double parameter) {
        return Math.exp((float) Math.log(parameter));
    }

    @Test
    void alphaEqualBetaEqualOneIsUniform() {
        try (NDManager m = NDManager.newBaseManager()) {
            BetaBinomial p = distribution(m, new double[] {1, 1}, new double[] {1, 1});
            float[] got = p.logPmf().toFloatArray();
            assertEquals(2 * V, got.length);
            for (float logP : got) {
                assertEquals(-Math.log(V), logP, 1e-6);
            }
        }
    }

    @Test
    void logPmfMatchesTheRisingFactorialFormulaAndSumsToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            BetaBinomial p = distribution(m, ALPHA, BETA);
            assertEquals(V, p.levels());
            NDArray logPmf = p.logPmf();
            assertEquals(new Shape(2, 3, V), logPmf.getShape());
            float[] got = logPmf.toFloatArray();
            for (int d = 0; d < ALPHA.length; d++) {
                double alpha = rounded(ALPHA[d]);
                double beta = rounded(BETA[d]);
                double total = 0;
                for (int v = 0; v < V; v++) {
                    double logP = got[d * V + v];
                    assertTrue(Double.isFinite(logP), "pixel " + d + " level " + v);
                    total += Math.exp(logP);
                    double expected = referenceLogPmf(v, alpha, beta);
                    // computed in float64, returned as float32: the float rounding of log P and of lgamma's
                    // 1e-13 relative error on values up to 3e5 (alpha = 3e4)
                    assertEquals(expected, logP, 2e-7 * Math.max(1, Math.abs(expected)) + 1e-7,
                            "pixel " + d + " level " + v);
                }
                assertEquals(1.0, total, 1e-5, "pixel " + d + " sums to one");
            }
        }
    }

    @Test
    void logProbSumsTheLogPmfAtEachPixelsLevelWithLeadingSampleAxes() {
        int[][] levels = {{0, 255, 17}, {128, 1, 254}};
        try (NDManager m = NDManager.newBaseManager()) {
            BetaBinomial p = distribution(m, ALPHA, BETA);
            float[] logPmf = p.logPmf().toFloatArray();
            float[] x = new float[6];
            double[] expected = new double[2];
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 3; d++) {
                    x[b * 3 + d] = levels[b][d] / 255f;
                    expected[b] += logPmf[(b * 3 + d) * V + levels[b][d]];
                }
            }
            NDArray data = m.create(x, new Shape(2, 3));
            float[] got = p.logProb(data).toFloatArray();
            assertEquals(expected[0], got[0], 1e-4 * Math.abs(expected[0]));
            assertEquals(expected[1], got[1], 1e-4 * Math.abs(expected[1]));
            float[] sampled = p.logProb(data.expandDims(0).repeat(0, 3)).toFloatArray();
            assertEquals(6, sampled.length);
            for (int i = 0; i < 6; i++) {
                assertEquals(got[i % 2], sampled[i], 0f);
            }
        }
    }

    @Test
    void extremeParametersStayFiniteAndNormalized() {
        // up to 1e6, the ceiling Likelihood puts on alpha and beta (at 1e12 lgamma's float64 rounding
        // alone, ulp 0.008 at lgamma(2e12) ~ 5.6e13, leaves the pmf 0.3% off a sum of one)
        double[] alpha = {1e-6, 1e6, 1e-6, 1e6};
        double[] beta = {1e-6, 1e-6, 1e6, 1e6};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = distribution(m, alpha, beta).logPmf().toFloatArray();
            for (int d = 0; d < alpha.length; d++) {
                double total = 0;
                for (int v = 0; v < V; v++) {
                    assertTrue(Float.isFinite(got[d * V + v]), "pixel " + d + " level " + v + ": " + got[d * V + v]);
                    total += Math.exp(got[d * V + v]);
                }
                assertEquals(1.0, total, 1e-5, "pixel " + d);
            }
            // alpha = beta -> 0: half the mass on each edge
            assertEquals(Math.log(0.5), got[0], 1e-4);
            assertEquals(Math.log(0.5), got[V - 1], 1e-4);
            // alpha = 1e6 >> beta: everything on 255
            assertEquals(0, got[2 * V - 1], 1e-5);
        }
    }

    /** d log p(x) / d log alpha and d / d log beta at the extremes, every level of the data: finite. */
    @Test
    void extremeParametersHaveFiniteGradients() {
        float[] logAlpha = {(float) Math.log(1e-6), (float) Math.log(1e6), (float) Math.log(1e-6), (float) Math.log(1e6)};
        float[] logBeta = {(float) Math.log(1e-6), (float) Math.log(1e-6), (float) Math.log(1e6), (float) Math.log(1e6)};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int v : new int[] {0, 1, 128, 254, 255}) {
                NDArray a = m.create(logAlpha, new Shape(1, 4));
                NDArray b = m.create(logBeta, new Shape(1, 4));
                a.setRequiresGradient(true);
                b.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = m.full(new Shape(1, 4), v / 255f);
                    collector.backward(new BetaBinomial(a, b).logProb(x).sum());
                }
                for (float g : a.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), "d/dlog alpha at level " + v);
                }
                for (float g : b.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), "d/dlog beta at level " + v);
                }
            }
        }
    }

    @Test
    void meanIsAlphaOverAlphaPlusBeta() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = distribution(m, ALPHA, BETA).mean().toFloatArray();
            for (int d = 0; d < ALPHA.length; d++) {
                assertEquals(ALPHA[d] / (ALPHA[d] + BETA[d]), got[d], 1e-6);
            }
        }
    }

    /** 4000 draws per pixel: their mean within 4 standard errors of alpha / (alpha + beta), all on the grid. */
    @Test
    void samplesFollowThePmf() {
        int n = 4000;
        double[] alpha = {2.5, 0.5, 50};
        double[] beta = {0.7, 0.5, 100};
        double[] alphaAll = new double[n * 3];
        double[] betaAll = new double[n * 3];
        for (int i = 0; i < n * 3; i++) {
            alphaAll[i] = alpha[i % 3];
            betaAll[i] = beta[i % 3];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] draws = distribution(m, alphaAll, betaAll).sample(new Rng(8)).toFloatArray();
            for (int d = 0; d < 3; d++) {
                double a = alpha[d];
                double b = beta[d];
                double mean = a / (a + b);
                // Var[v] = n a b (a + b + n) / ((a + b)^2 (a + b + 1)), and x = v / n
                double variance = a * b * (a + b + N) / ((a + b) * (a + b) * (a + b + 1) * N);
                double sum = 0;
                for (int i = d; i < draws.length; i += 3) {
                    double level = draws[i] * 255;
                    assertEquals(Math.rint(level), level, 1e-3);
                    sum += draws[i];
                }
                assertEquals(mean, sum / n, 4 * Math.sqrt(variance / n), "pixel " + d);
            }
        }
    }
}
