package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.Vae;
import org.vae4j.objective.IwaeBound;
import org.vae4j.data.ResidentData;

/**
 * Prior and importance sampling estimates of log p(x) on probabilistic PCA, where log p(x) =
 * log N(x; b, W W^T + sigma^2 I) is exact. The weights are set by hand: a linear decoder W, b with
 * orthogonal columns, so the true posterior p(z|x) = N(S W^T (x - b) / sigma^2, S),
 * S = sigma^2 (W^T W + sigma^2 I)^-1, is diagonal and a linear encoder represents it exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarginalLikelihoodEstimatorTest {

    /** D = 5, L = 2 and sigma = 0.5 are those of {@link PpcaIdentityTest}, whose exact nll this reuses. */
    private static final int D = 5;
    private static final int L = 2;
    private static final double SIGMA = 0.5;
    /** Orthogonal columns w_1 = 0.8 (1, 1, 0, 0, 1), w_2 = 0.8 (1, -1, 1, 0, 0): W^T W = 1.92 I. */
    private static final double[][] W = {{0.8, 0.8}, {0.8, -0.8}, {0.0, 0.8}, {0.0, 0.0}, {0.8, 0.0}};
    private static final double[] B = {0.5, -1.0, 0.2, 0.0, 1.5};
    private static final int N = 100;
    /*
     * Measured with these seeds (error = estimate - exact log p(x), nats, over the 100 examples):
     * exact encoder, importance: largest |error| 2.1e-6 (M = 1), 9.5e-7 (10), 7.6e-7 (100), float rounding.
     * prior, M = 100,000: mean -0.0014, sd 0.019, largest |error| 0.108 (seeds 21-23: means -0.0015..0.0006,
     * largest 0.068..0.108); M = 100: mean -0.268.
     * rough encoder, importance: M = 1,000 mean 0.0005, sd 0.015, largest 0.043; M = 100 mean 0.0029, sd 0.045.
     * sd of the error at equal M, importance vs prior: M = 10 0.16 vs 4.9; M = 100 0.050 vs 0.93.
     */

    private NDManager manager;
    private NDArray x;
    private double[] exact;
    /** A VAE whose encoder is the exact posterior. */
    private Vae exactVae;
    /** The same decoder with an encoder that is off: means shrunk by 0.8, variances doubled. */
    private Vae roughVae;

    @BeforeAll
    void setUp() {
        manager = NDManager.newBaseManager();
        x = generate(manager, N, 11);
        exact = negate(PpcaIdentityTest.exactNllOf(W, B, x.toFloatArray(), N));
        exactVae = linearVae(1.0, 0.0);
        roughVae = linearVae(0.9, Math.log(1.5));
    }

    @AfterAll
    void close() {
        exactVae.close();
        roughVae.close();
        manager.close();
    }

    /** With q(z|x) = p(z|x) every weight p(x, z) / q(z|x) equals p(x): the estimate is exact for any M. */
    @Test
    void exactPosteriorGivesTheExactLikelihoodForEveryM() {
        for (int m : new int[] {1, 10, 100}) {
            double worst = maxAbs(diff(estimate(new ImportanceSampling(exactVae, m, 7), 500 + m), exact));
            assertTrue(worst < 1e-5, "M=" + m + ": largest |error| " + worst);
        }
    }

    /** Sampling the prior is consistent: at M = 100,000 it reaches log p(x), from far below at M = 100. */
    @Test
    void priorSamplingConvergesToTheExactLikelihood() {
        double[] error = diff(estimate(new PriorSampling(exactVae, 100_000, 1000), 21), exact);
        assertEquals(0, mean(error), 0.01, "mean error at M = 100,000");
        assertTrue(maxAbs(error) < 0.15, "largest |error| at M = 100,000: " + maxAbs(error));
        // Jensen: E log p^ < log p(x), and at M = 100 the gap is plain
        double[] errorAt100 = diff(estimate(new PriorSampling(exactVae, 100, 100), 22), exact);
        assertTrue(mean(errorAt100) < -0.1, "mean error at M = 100: " + mean(errorAt100));
    }

    /**
     * With an imperfect encoder, importance sampling meets a tighter tolerance at M = 1,000 than prior
     * sampling at M = 100,000, and is already close at M = 100.
     */
    @Test
    void importanceSamplingConvergesWithFarFewerSamples() {
        double[] error = diff(estimate(new ImportanceSampling(roughVae, 1000, 100), 31), exact);
        assertEquals(0, mean(error), 0.005, "mean error at M = 1,000");
        assertTrue(maxAbs(error) < 0.07, "largest |error| at M = 1,000: " + maxAbs(error));
        double[] errorAt100 = diff(estimate(new ImportanceSampling(roughVae, 100, 100), 32), exact);
        assertEquals(0, mean(errorAt100), 0.02, "mean error at M = 100");
    }

    /** At equal M the importance estimate scatters far less around log p(x) than the prior's. */
    @Test
    void importanceSamplingHasFarSmallerSpreadAtEqualM() {
        for (int m : new int[] {10, 100}) {
            double prior = sd(diff(estimate(new PriorSampling(roughVae, m, m), 41), exact));
            double importance = sd(diff(estimate(new ImportanceSampling(roughVae, m, m), 42), exact));
            assertTrue(importance * 10 < prior, "M=" + m + ": sd of the error, importance " + importance + " vs prior "
                    + prior);
        }
    }

    /**
     * Chunks only bound memory: with the same seed the chunked estimate is the one-chunk estimate (the
     * noise is drawn in the same order), so the running log-sum-exp across chunks is exact.
     */
    @Test
    void chunkingDoesNotChangeTheEstimate() {
        double[] chunked = estimate(new PriorSampling(roughVae, 100, 7), 51);
        double[] whole = estimate(new PriorSampling(roughVae, 100, 100), 51);
        assertTrue(maxAbs(diff(chunked, whole)) < 1e-5, "prior: " + maxAbs(diff(chunked, whole)));
        double[] importance = estimate(new ImportanceSampling(roughVae, 100, 7), 52);
        double[] iwae;
        try (NDManager s = manager.newSubManager()) {
            iwae = toDouble(new IwaeBound(roughVae, 100, 100).logMarginal(LatentModel.inference(s), x, new Rng(52))
                    .toFloatArray());
        }
        assertTrue(maxAbs(diff(importance, iwae)) < 1e-5, "importance vs IwaeBound: " + maxAbs(diff(importance, iwae)));
    }

    /** Evaluator.likelihood is the mean of the per-example estimates and their standard error. */
    @Test
    void evaluatorAveragesThePerExampleEstimates() {
        MarginalLikelihoodEstimator estimator = new PriorSampling(roughVae, 50, 50);
        double[] perExample = estimate(estimator, 61);
        int[] done = {0};
        LikelihoodEstimate result = new Evaluator(roughVae, N).likelihood(new ResidentData(x, null), estimator, new Rng(61),
                n -> done[0] = n);
        assertEquals(N, done[0]);
        assertEquals(N, result.n());
        assertEquals(50, result.k());
        assertEquals(D, result.dim());
        assertEquals(-mean(perExample), result.nll(), 1e-5);
        assertEquals(sd(perExample) / Math.sqrt(N), result.stdErr(), 1e-5);
        // Evaluator.iwae is the importance estimator through the same loop
        LikelihoodEstimate iwae = new Evaluator(exactVae, 30).iwae(x, 20, new Rng(62), n -> { });
        assertEquals(-mean(exact), iwae.nll(), 1e-4);
        assertEquals(sd(exact) / Math.sqrt(N), iwae.stdErr(), 1e-4);
    }

    @Test
    void kindsParseByName() {
        assertEquals(MarginalLikelihoodEstimator.Kind.PRIOR, MarginalLikelihoodEstimator.Kind.parse("prior"));
        MarginalLikelihoodEstimator made = MarginalLikelihoodEstimator.Kind.IMPORTANCE.create(exactVae, 1000);
        assertTrue(made instanceof ImportanceSampling);
        assertEquals(1000, made.samples());
        assertEquals(MarginalLikelihoodEstimator.DEFAULT_CHUNK, made.chunk());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarginalLikelihoodEstimator.Kind.parse("naive"));
        assertTrue(e.getMessage().contains("'naive'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PriorSampling(exactVae, 0, 1));
    }

    // ----

    private double[] estimate(MarginalLikelihoodEstimator estimator, long seed) {
        try (NDManager s = manager.newSubManager()) {
            return toDouble(estimator.logMarginal(LatentModel.inference(s), x, null, new Rng(seed)).toFloatArray());
        }
    }

    /**
     * A linear VAE with decoder W, b and Gaussian sigma, and the encoder of the exact posterior with its
     * means scaled by {@code meanScale} and {@code logVarShift} added to its log-variances.
     */
    private Vae linearVae(double meanScale, double logVarShift) {
        ModelConfig config = new ModelConfig(ModelKind.VAE, 1, D, L, List.of(), Likelihood.GAUSSIAN, SIGMA);
        Vae vae = (Vae) LatentModel.create(config, manager, 1);
        set(vae.decoder().network(), W, B);
        double s2 = SIGMA * SIGMA;
        double[][] a = new double[2 * L][D];
        double[] c = new double[2 * L];
        for (int j = 0; j < L; j++) {
            double norm = 0;
            for (int d = 0; d < D; d++) {
                norm += W[d][j] * W[d][j];
            }
            // E[z_j | x] = w_j^T (x - b) / (|w_j|^2 + sigma^2); Var[z_j | x] = sigma^2 / (|w_j|^2 + sigma^2)
            double precision = norm + s2;
            for (int d = 0; d < D; d++) {
                a[j][d] = meanScale * W[d][j] / precision;
                c[j] -= meanScale * W[d][j] * B[d] / precision;
            }
            c[L + j] = Math.log(s2 / precision) + logVarShift;
        }
        set(vae.encoder().network(), a, c);
        return vae;
    }

    /** Sets the single Linear layer of a network without hidden layers: weight [out, in], bias [out]. */
    private static void set(Block network, double[][] weight, double[] bias) {
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (p.getKey().endsWith("weight")) {
                assertEquals(new Shape(weight.length, weight[0].length), array.getShape());
                float[] values = new float[weight.length * weight[0].length];
                for (int i = 0; i < weight.length; i++) {
                    for (int j = 0; j < weight[0].length; j++) {
                        values[i * weight[0].length + j] = (float) weight[i][j];
                    }
                }
                Ops.assign(array, values);
            } else {
                assertEquals(new Shape(bias.length), array.getShape());
                float[] values = new float[bias.length];
                for (int i = 0; i < bias.length; i++) {
                    values[i] = (float) bias[i];
                }
                Ops.assign(array, values);
            }
        }
    }

    /** x = W z + b + sigma * noise, z ~ N(0, I_L), noise ~ N(0, I_D). */
    private static NDArray generate(NDManager m, int n, long seed) {
        Rng rng = new Rng(seed);
        float[] z = rng.normal(m, new Shape(n, L)).toFloatArray();
        float[] noise = rng.normal(m, new Shape(n, D)).toFloatArray();
        float[] values = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < D; d++) {
                double v = B[d] + SIGMA * noise[i * D + d];
                for (int j = 0; j < L; j++) {
                    v += W[d][j] * z[i * L + j];
                }
                values[i * D + d] = (float) v;
            }
        }
        return m.create(values, new Shape(n, D));
    }

    private static double[] toDouble(float[] v) {
        return PpcaIdentityTest.toDouble(v);
    }

    private static double[] diff(double[] a, double[] b) {
        return PpcaIdentityTest.diff(a, b);
    }

    private static double mean(double[] v) {
        return PpcaIdentityTest.mean(v);
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double maxAbs(double[] v) {
        double worst = 0;
        for (double e : v) {
            worst = Math.max(worst, Math.abs(e));
        }
        return Double.isNaN(mean(v)) ? Double.NaN : worst;
    }

    /** The sample standard deviation. */
    private static double sd(double[] v) {
        return PpcaIdentityTest.stdErr(v) * Math.sqrt(v.length);
    }
}
