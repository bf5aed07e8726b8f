package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class DiscretizedLogisticTest {

    private static final int V = 256;
    /** mu in the [0, 1] scale and s' in level units: ordinary, clipped by the edges, sharp, flat. */
    private static final double[] MU = {0.3, 0.5, -0.2, 1.3, 100.6 / 255, 0.02, 0.99, 0.6};
    private static final double[] LEVEL_SCALE = {3, 0.7, 10, 5, 0.1, 40, 1, 2e4};

    /**
     * P(v) in double: the CDF difference, taken on the side where it does not cancel, for the parameters
     * as the float32 arrays hold them (mu and log s rounded to float).
     */
    private static double referencePmf(int v, double mu, double levelScale) {
        double m = 255 * (double) (float) mu;
        double s = Math.exp((double) (float) Math.log(levelScale / 255)) * 255;
        double a = (v + 0.5 - m) / s;
        double b = (v - 0.5 - m) / s;
        if (v == 0) {
            return sigmoid(a);
        }
        if (v == V - 1) {
            return sigmoid(-b);
        }
        return v > m ? sigmoid(-b) - sigmoid(-a) : sigmoid(a) - sigmoid(b);
    }

    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private static DiscretizedLogistic distribution(NDManager m, double[] mu, double[] levelScale) {
        float[] location = new float[mu.length];
        float[] logScale = new float[mu.length];
        for (int i = 0; i < mu.length; i++) {
            location[i] = (float) mu[i];
            logScale[i] = (float) Math.log(levelScale[i] / 255);
        }
        Shape shape = new Shape(2, mu.length / 2);
        return new DiscretizedLogistic(m.create(location, shape), m.create(logScale, shape));
    }

    @Test
    void everyLevelGetsTheLogisticMassOfItsBinAndTheEdgesTakeTheTails() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiscretizedLogistic p = distribution(m, MU, LEVEL_SCALE);
            assertEquals(V, p.levels());
            NDArray logPmf = p.logPmf();
            assertEquals(new Shape(2, 4, V), logPmf.getShape());
            float[] got = logPmf.toFloatArray();
            int compared = 0;
            for (int d = 0; d < MU.length; d++) {
                double total = 0;
                for (int v = 0; v < V; v++) {
                    double logP = got[d * V + v];
                    assertTrue(Double.isFinite(logP), "pixel " + d + " level " + v + ": " + logP);
                    total += Math.exp(logP);
                    double reference = referencePmf(v, MU[d], LEVEL_SCALE[d]);
                    if (reference > 1e-300) {
                        // float32 arithmetic: mu' = 255 mu and v - mu' are rounded to ~8e-6 levels, which a
                        // divides by s'; and a ~ -log P carries a relative error. Measured: at most 41% of this
                        double tolerance = 1e-5 / LEVEL_SCALE[d] + 1e-6 * Math.abs(Math.log(reference));
                        assertEquals(Math.log(reference), logP, tolerance,
                                "pixel " + d + " level " + v);
                        compared++;
                    }
                }
                assertEquals(1.0, total, 1e-5, "pixel " + d + " sums to one");
            }
            assertTrue(compared > 1500, "compared " + compared);
        }
    }

    @Test
    void logProbSumsTheLogPmfAtEachPixelsLevelWithLeadingSampleAxes() {
        int[][] levels = {{0, 77, 128, 255}, {3, 254, 101, 1}};
        try (NDManager m = NDManager.newBaseManager()) {
            DiscretizedLogistic p = distribution(m, MU, LEVEL_SCALE);
            float[] logPmf = p.logPmf().toFloatArray();
            float[] x = new float[8];
            double[] expected = new double[2];
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 4; d++) {
                    x[b * 4 + d] = levels[b][d] / 255f;
                    expected[b] += logPmf[(b * 4 + d) * V + levels[b][d]];
                }
            }
            NDArray data = m.create(x, new Shape(2, 4));
            float[] got = p.logProb(data).toFloatArray();
            assertEquals(expected[0], got[0], 1e-4);
            assertEquals(expected[1], got[1], 1e-4);
            // k = 3 copies of the data on a leading sample axis: [3, 2, 4] -> [3, 2]
            NDArray copies = data.expandDims(0).repeat(0, 3);
            float[] sampled = p.logProb(copies).toFloatArray();
            assertEquals(6, sampled.length);
            for (int i = 0; i < 6; i++) {
                assertEquals(got[i % 2], sampled[i], 1e-6);
            }
        }
    }

    /** Data stored as k / 255f (Dataset.ofPixels) maps back to level k, in float32 and in float64. */
    @Test
    void everyEightBitValueRoundsToItsLevel() {
        float[] x = new float[V];
        for (int k = 0; k < V; k++) {
            x[k] = k / 255f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = m.create(x);
            float[] single = PixelLevels.levelOf(values, V).toFloatArray();
            double[] dbl = PixelLevels.levelOf(values.toType(ai.djl.ndarray.types.DataType.FLOAT64, false), V)
                    .toDoubleArray();
            for (int k = 0; k < V; k++) {
                assertEquals(k, single[k]);
                assertEquals(k, dbl[k]);
            }
        }
    }

    /** Far outside [0, 1], at the log-scale floor and at a huge scale: finite and normalized. */
    @Test
    void extremeParametersStayFinite() {
        double[] mu = {-1e3, 1e3, 0.5, 127.5 / 255, -5, 6};
        double[] levelScale = {0.1, 0.1, 1e7, 0.1, 1e-3, 1e-3};
        try (NDManager m = NDManager.newBaseManager()) {
            DiscretizedLogistic p = distribution(m, mu, levelScale);
            float[] got = p.logPmf().toFloatArray();
            for (int d = 0; d < mu.length; d++) {
                double total = 0;
                for (int v = 0; v < V; v++) {
                    assertTrue(Float.isFinite(got[d * V + v]), "pixel " + d + " level " + v + ": " + got[d * V + v]);
                    total += Math.exp(got[d * V + v]);
                }
                assertEquals(1.0, total, 1e-5, "pixel " + d);
            }
            // mu' = -255000, s' = 0.1: log P(255) = log sigmoid(-(254.5 - mu') / s') = -(2552545) to float32
            assertEquals(-(254.5 + 255e3) / 0.1, got[V - 1], 1.0);
            // mu' = 127.5 on a bin edge, s' = 0.1: levels 127 and 128 share the mass, log(1/2) each
            assertEquals(Math.log(0.5), got[3 * V + 127], 1e-4);
            assertEquals(Math.log(0.5), got[3 * V + 128], 1e-4);
        }
    }

    /**
     * The gradient of log p(x) at the same extremes, every level of the data: finite (the two branches of
     * log(1 - e^-d) are clipped to their ranges, so where() never multiplies an infinity by zero).
     */
    @Test
    void extremeParametersHaveFiniteGradients() {
        float[] location = {-1e3f, 1e3f, 0.5f, 0.5f, -5f, 6f, 0.3f, 0.7f};
        float[] levelScale = {0.1f, 0.1f, 1e7f, 0.1f, 1e-3f, 1e-3f, 1e-4f, 1e9f};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logScale = new float[levelScale.length];
            for (int i = 0; i < logScale.length; i++) {
                logScale[i] = (float) Math.log(levelScale[i] / 255);
            }
            for (int v : new int[] {0, 1, 128, 254, 255}) {
                NDArray mu = m.create(location, new Shape(1, 8));
                NDArray ls = m.create(logScale, new Shape(1, 8));
                mu.setRequiresGradient(true);
                ls.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = m.full(new Shape(1, 8), v / 255f);
                    collector.backward(new DiscretizedLogistic(mu, ls).logProb(x).sum());
                }
                for (float g : mu.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), "d/dmu at level " + v);
                }
                for (float g : ls.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), "d/dlog s at level " + v);
                }
            }
        }
    }

    @Test
    void meanIsTheMeanOfTheDiscretizedDistribution() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = distribution(m, MU, LEVEL_SCALE).mean().toFloatArray();
            for (int d = 0; d < MU.length; d++) {
                double expected = 0;
                for (int v = 0; v < V; v++) {
                    expected += referencePmf(v, MU[d], LEVEL_SCALE[d]) * v / 255;
                }
                assertEquals(expected, got[d], 2e-6, "pixel " + d);
            }
            // the edges clip: mu = -0.2 with s' = 10 still has mean above 0, yet below 0.01
            assertTrue(got[2] > 0 && got[2] < 0.01, "clipped mean " + got[2]);
        }
    }

    /** 4000 draws per pixel: their mean within 4 standard errors of mean(), all on the grid. */
    @Test
    void samplesFollowThePmf() {
        int n = 4000;
        double[] mu = {0.3, -0.05, 0.8};
        double[] levelScale = {3, 10, 0.5};
        double[] muAll = new double[n * 3];
        double[] scaleAll = new double[n * 3];
        for (int i = 0; i < n * 3; i++) {
            muAll[i] = mu[i % 3];
            scaleAll[i] = levelScale[i % 3];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DiscretizedLogistic p = distribution(m, muAll, scaleAll);
            float[] draws = p.sample(new Rng(5)).toFloatArray();
            for (int d = 0; d < 3; d++) {
                double mean = 0;
                double second = 0;
                for (int v = 0; v < V; v++) {
                    double prob = referencePmf(v, mu[d], levelScale[d]);
                    mean += prob * v / 255;
                    second += prob * v * v / (255.0 * 255);
                }
                double std = Math.sqrt(second - mean * mean);
                double sum = 0;
                for (int i = d; i < draws.length; i += 3) {
                    double level = draws[i] * 255;
                    assertEquals(Math.rint(level), level, 1e-3);
                    assertTrue(level >= 0 && level <= 255);
                    sum += draws[i];
                }
                assertEquals(mean, sum / n, 4 * std / Math.sqrt(n), "pixel " + d);
            }
        }
    }

    @Test
    void logOneMinusExpIsAccurateOnBothSidesOfTheSwitch() {
        double[] d = {1e-9, 1e-4, 0.05, 0.0999, 0.1, 0.1001, 1, 30};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] got = DiscretizedLogistic.log1mExp(m.create(d)).toDoubleArray();
            for (int i = 0; i < d.length; i++) {
                double expected = Math.log(-Math.expm1(-d[i]));
                assertEquals(expected, got[i], 1e-11 * Math.max(1, Math.abs(expected)), "d = " + d[i]);
            }
        }
    }
}
