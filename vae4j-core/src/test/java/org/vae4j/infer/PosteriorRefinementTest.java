package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.infer.OrthogonalLinearVae.L;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;
import org.vae4j.error.SettingException;

/**
 * Per-datapoint refinement on a linear-Gaussian VAE whose exact posterior is a diagonal Gaussian
 * ({@link OrthogonalLinearVae}): from a deliberately poor encoder, Adam on (mu_i, logVar_i) must reach
 * the closed-form posterior and make the ELBO tight, log p(x) exactly, without touching the model.
 */
class PosteriorRefinementTest {

    private static final int N = 200;
    /** q = N((1.5, -1), diag(e^1, e^-3)) for every x: far from the exact posterior of most examples. */
    private static final double[] POOR_ENCODER = {1.5, -1.0, 1.0, -3.0};
    private static final PosteriorRefinement.Config CONFIG = new PosteriorRefinement.Config(300, 0.05, 20);
    /** Entries of the trace averaged per window when checking that it does not fall. */
    private static final int WINDOW = 20;

    /** Then a finer phase from where the first ended, so Adam's jitter around the optimum shrinks. */
    private static final PosteriorRefinement.Config FINE = new PosteriorRefinement.Config(200, 0.005, 50);
    /*
     * Measured with these seeds (both cases give the same numbers: x - b_y is drawn the same way):
     * closed-form ELBO of the poor encoder -53.037 nats (trace[0], 20 draws: -53.358; its standard error
     * is about 0.45: each draw's reconstruction term has sd about 28 nats at that q); exact log p(x)
     * -6.1670. After the first phase: mean gap log p(x) - ELBO 0.0090 (closed form), trace end -6.1974,
     * sd of the last 100 trace entries 0.020, largest drop between 20-step window means 0.0074,
     * largest trace entry above the exact mean 0.040. After the fine phase: mean gap 0.0014, largest
     * 0.0081; largest |mu - mu*| 0.029, largest |logVar - logVar*| 0.067 (constant-step Adam on a
     * noisy gradient settles within about sqrt(lr sd_g / (2 h)) of the optimum: 0.22 in logVar at
     * lr 0.05, hence the fine phase).
     */

    @ParameterizedTest(name = "classes = {0}")
    @ValueSource(ints = {0, 2})
    void refinementReachesTheExactPosteriorAndMakesTheBoundTight(int classes) {
        try (NDManager m = NDManager.newBaseManager(); Vae vae = OrthogonalLinearVae.create(m, classes, POOR_ENCODER)) {
            NDArray x = OrthogonalLinearVae.sample(m, N, classes, 11);
            int[] labels = OrthogonalLinearVae.labels(N, classes);
            float[] xs = x.toFloatArray();
            float[] parametersBefore = vae.parameterVector().vector().toFloatArray();
            NDArray condition = vae.condition(m, labels);
            PosteriorRefinement.Result coarse = new PosteriorRefinement(vae, CONFIG).refine(x, condition, new Rng(5));
            float[] coarseMean = coarse.posterior().mean().toFloatArray();
            DiagonalGaussian fine = new PosteriorRefinement(vae, FINE).refine(x, condition, coarse.posterior(),
                    new Rng(6)).posterior();
            assertArrayEquals(coarseMean, coarse.posterior().mean().toFloatArray(), "the start is left unchanged");

            // the model is untouched: same values, and no gradient was ever computed for its parameters
            assertArrayEquals(parametersBefore, vae.parameterVector().vector().toFloatArray());
            for (Parameter p : vae.parameters()) {
                float[] gradient = p.getArray().getGradient().toFloatArray();
                assertArrayEquals(new float[gradient.length], gradient, p.getName() + " has a gradient");
            }

            float[] mean = fine.mean().toFloatArray();
            float[] logVar = fine.logVar().toFloatArray();
            for (int i = 0; i < N; i++) {
                double[] exactMean = OrthogonalLinearVae.posteriorMean(xs, i, labels == null ? -1 : labels[i]);
                for (int j = 0; j < L; j++) {
                    assertEquals(exactMean[j], mean[i * L + j], 0.06, "mean of z_" + j + " of example " + i);
                    assertEquals(Math.log(OrthogonalLinearVae.posteriorVariance(j)), logVar[i * L + j], 0.15,
                            "logVar of z_" + j + " of example " + i);
                }
            }

            double[] logPx = OrthogonalLinearVae.exactLogPx(xs, labels);
            double[] before = OrthogonalLinearVae.closedFormElbo(xs, labels, constantRows(0), constantRows(L));
            double[] coarseElbo = OrthogonalLinearVae.closedFormElbo(xs, labels, coarseMean,
                    coarse.posterior().logVar().toFloatArray());
            double[] after = OrthogonalLinearVae.closedFormElbo(xs, labels, mean, logVar);
            for (int i = 0; i < N; i++) {
                assertTrue(after[i] <= logPx[i] + 1e-9, "ELBO <= log p(x), example " + i);
                assertTrue(logPx[i] - after[i] < 0.02, "the bound is tight for example " + i + ": gap "
                        + (logPx[i] - after[i]));
                assertTrue(coarseElbo[i] > before[i], "refinement raised the ELBO of example " + i);
            }
            double exact = mean(logPx);
            assertEquals(exact, mean(after), 0.005, "mean ELBO after refinement vs mean exact log p(x)");

            double[] trace = coarse.trace();
            assertEquals(CONFIG.steps() + 1, trace.length);
            assertEquals(mean(before), trace[0], 2.0, "trace[0] is the ELBO of the encoder's q (sd about 0.45)");
            double noise = stdDev(Arrays.copyOfRange(trace, trace.length - 100, trace.length));
            assertTrue(noise > 0 && noise < 0.05, "plateau noise " + noise);
            for (int w = WINDOW; w + WINDOW <= trace.length; w += WINDOW) {
                double drop = windowMean(trace, w - WINDOW) - windowMean(trace, w);
                assertTrue(drop < 5 * noise * Math.sqrt(2.0 / WINDOW), "the trace fell by " + drop + " at step " + w);
            }
            for (int t = 0; t < trace.length; t++) {
                assertTrue(trace[t] < exact + 5 * noise, "trace " + trace[t] + " above log p(x) " + exact + " at " + t);
            }
            assertEquals(exact, trace[trace.length - 1], 5 * noise, "the trace ends at log p(x)");
        }
    }

    @Test
    void configurationsAreValidated() {
        assertEquals("the number of refinement steps must be at least 1, got 0", assertThrows(SettingException.class,
                () -> new PosteriorRefinement.Config(0, 0.01, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PosteriorRefinement.Config(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PosteriorRefinement.Config(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new PosteriorRefinement.Config(1, 0.01, 0));
    }

    /** The poor encoder's output, one row per example: entries from..from+L-1 of POOR_ENCODER. */
    private static float[] constantRows(int from) {
        float[] rows = new float[N * L];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < L; j++) {
                rows[i * L + j] = (float) POOR_ENCODER[from + j];
            }
        }
        return rows;
    }

    private static double windowMean(double[] v, int from) {
        return mean(Arrays.copyOfRange(v, from, from + WINDOW));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double stdDev(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
