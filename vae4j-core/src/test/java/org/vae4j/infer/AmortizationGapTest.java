package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.infer.OrthogonalLinearVae.L;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.model.Vae;
import org.vae4j.error.SettingException;

/**
 * The gap report on a linear-Gaussian VAE ({@link OrthogonalLinearVae}) whose encoder is the exact
 * posterior deliberately shrunk and widened: every term has a closed form. The amortized ELBO is the
 * encoder's closed-form ELBO, the refined ELBO and the IWAE estimate reach log p(x), so the
 * amortization gap is log p(x) - ELBO(q_encoder) and the approximation gap (a diagonal Gaussian can be
 * exact here) is zero.
 */
class AmortizationGapTest {

    /*
     * Measured with these seeds (nats per example): amortized ELBO -8.0204 (closed form -8.0168,
     * standard error over examples 0.188); refined -6.0851; IWAE k=500 -6.0607; exact log p(x)
     * -6.0646. Amortization gap 1.9354 +- 0.0934 (closed form with a perfect refinement 1.9522);
     * approximation gap 0.0244 +- 0.0067: what 200 Adam steps at lr 0.05 leave (about 0.02, see
     * PosteriorRefinementTest) plus IWAE's noise. Trace: -7.9888 at step 0, -6.1117 at step 200.
     */

    private static final int N = 150;
    private static final int BATCH = 64;
    private static final double SHRINK = 0.7;
    private static final double LOG_VAR_OFFSET = 1.0;
    private static final AmortizationGap.Config CONFIG = new AmortizationGap.Config(
            new PosteriorRefinement.Config(200, 0.05, 20), 500, 500);

    @Test
    void gapsMatchTheirClosedForms() {
        try (NDManager m = NDManager.newBaseManager(); Vae vae = OrthogonalLinearVae.create(m, 0, new double[2 * L])) {
            OrthogonalLinearVae.setEncoder(vae, SHRINK, LOG_VAR_OFFSET);
            NDArray x = OrthogonalLinearVae.sample(m, N, 0, 21);
            float[] xs = x.toFloatArray();
            List<Integer> progress = new ArrayList<>();
            AmortizationGap.Report report = new AmortizationGap(vae, CONFIG, BATCH).evaluate(x, null, 3, progress::add);

            double[] logPx = OrthogonalLinearVae.exactLogPx(xs, null);
            float[] encoderMean = new float[N * L];
            float[] encoderLogVar = new float[N * L];
            for (int i = 0; i < N; i++) {
                double[] exactMean = OrthogonalLinearVae.posteriorMean(xs, i, -1);
                for (int j = 0; j < L; j++) {
                    encoderMean[i * L + j] = (float) (SHRINK * exactMean[j]);
                    double exactLogVar = Math.log(OrthogonalLinearVae.posteriorVariance(j));
                    encoderLogVar[i * L + j] = (float) (exactLogVar + LOG_VAR_OFFSET);
                }
            }
            double[] amortized = OrthogonalLinearVae.closedFormElbo(xs, null, encoderMean, encoderLogVar);
            double exact = PosteriorRefinementTest.mean(logPx);
            double closedAmortized = PosteriorRefinementTest.mean(amortized);
            assertEquals(N, report.n());
            assertEquals(closedAmortized, report.amortizedElbo().mean(), 0.05, "amortized ELBO, 500 draws each");
            assertEquals(exact, report.iwae().mean(), 0.03, "IWAE k=500 vs exact log p(x)");
            assertEquals(exact - closedAmortized, report.amortizationGap().mean(), 0.05, "amortization gap");
            assertTrue(report.amortizationGap().mean() > 10 * report.amortizationGap().stdErr(), "a clear gap");
            double approximation = report.approximationGap().mean();
            assertTrue(approximation > -0.02 && approximation < 0.05, "no approximation gap: " + approximation);
            assertEquals(report.iwae().mean() - report.refinedElbo().mean(), approximation, 1e-9);
            assertEquals(report.refinedElbo().mean() - report.amortizedElbo().mean(), report.amortizationGap().mean(),
                    1e-9);
            double[] trace = report.trace();
            assertEquals(CONFIG.refinement().steps() + 1, trace.length);
            assertEquals(report.amortizedElbo().mean(), trace[0], 0.15, "trace[0], 20 draws per example");
            assertEquals(report.refinedElbo().mean(), trace[trace.length - 1], 0.15, "the trace's end");
            assertEquals(List.of(64, 128, 150), progress, "three batches of at most 64 examples");
        }
    }

    @Test
    void estimateIsTheMeanAndItsStandardError() {
        AmortizationGap.Estimate e = AmortizationGap.Estimate.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-12);
        // sample variance 5/3, over n = 4
        assertEquals(Math.sqrt(5.0 / 3 / 4), e.stdErr(), 1e-12);
        assertTrue(Double.isNaN(AmortizationGap.Estimate.of(new double[] {7}).stdErr()));
    }

    @Test
    void configurationsAreValidated() {
        PosteriorRefinement.Config refinement = new PosteriorRefinement.Config(1, 0.01, 1);
        SettingException draws = assertThrows(SettingException.class,
                () -> new AmortizationGap.Config(refinement, 0, 1));
        assertEquals("the draws per ELBO estimate must be at least 1, got 0", draws.getMessage());
        assertEquals("draws", draws.setting());
        SettingException k = assertThrows(SettingException.class, () -> new AmortizationGap.Config(refinement, 1, 0));
        assertEquals("the number of importance samples must be at least 1, got 0", k.getMessage());
        assertEquals("k", k.setting());
        assertEquals("must be at least 1, got 0", k.problem());
    }
}
