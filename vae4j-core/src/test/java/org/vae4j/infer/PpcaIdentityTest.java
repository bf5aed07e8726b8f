package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.Vae;
import org.vae4j.objective.Elbo;
import org.vae4j.objective.IwaeBound;
import org.vae4j.objective.Terms;
import org.vae4j.optim.Adam;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.Trainer;

/**
 * On a linear-Gaussian model (probabilistic PCA) log p(x) is known exactly: a VAE with a linear
 * encoder and decoder and the true noise sigma has p(x) = N(x; b, W W^T + sigma^2 I) with W and b the
 * decoder's. The ELBO must lie below it, IWAE must rise toward it with k, and k = 1 must be the ELBO
 * in expectation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PpcaIdentityTest {

    private static final int D = 5;
    private static final int L = 2;
    private static final double SIGMA = 0.5;
    private static final int N_TRAIN = 2000;
    private static final int N_TEST = 10000;
    private static final int ELBO_PASSES = 10;
    private static final int PAIRED_PASSES = 5;
    private static final double[][] W_TRUE = {{1.0, 0.5}, {-0.8, 1.2}, {0.3, -1.0}, {1.5, 0.2}, {-0.4, -0.7}};
    private static final double[] B_TRUE = {0.5, -1.0, 0.2, 0.0, 1.5};
    /** Seeds of the data; the evaluation noise uses other seeds, so eps never equals the true z. */
    private static final long TRAIN_DATA_SEED = 101;
    private static final long TEST_DATA_SEED = 102;
    private static final int EPOCHS = 30;
    /*
     * Measured with these seeds (nats per example): exact nll 6.3683 (true parameters: 6.3630);
     * closed-form -ELBO 6.4146; Evaluator -ELBO 6.4194 +- 0.0041 over 10 passes; IWAE nll k=1 6.4114,
     * k=10 6.3752, k=100 6.3695 (standard errors of the gap 0.0032, 0.0011, 0.0004); mean L_1 - ELBO
     * with shared eps 0.0023 +- 0.0045.
     */

    private NDManager manager;
    private NDArray test;
    private float[] testX;
    private Vae vae;
    private double[] exactNll;
    private double[] closedFormNegElbo;

    @BeforeAll
    void train() {
        manager = NDManager.newBaseManager();
        NDArray train = generate(manager, N_TRAIN, TRAIN_DATA_SEED);
        test = generate(manager, N_TEST, TEST_DATA_SEED);
        testX = test.toFloatArray();
        ModelConfig config = new ModelConfig(ModelKind.VAE, 1, D, L, List.of(), Likelihood.GAUSSIAN, SIGMA);
        TrainConfig training = new TrainConfig(EPOCHS, 50, 1e-2, 1.0, 0, false, 5);
        vae = (Vae) LatentModel.create(config, manager, training.seed());
        try (Adam adam = new Adam(vae.parameters(), training.learningRate(), manager)) {
            new Trainer(vae, adam, training, List.of()).fit(train, test, 1);
        }
        exactNll = exactNll(vae, testX, N_TEST);
        closedFormNegElbo = closedFormNegElbo(vae, testX, N_TEST);
    }

    @AfterAll
    void close() {
        vae.close();
        manager.close();
    }

    /** The training converged: the decoder's exact likelihood is that of the true parameters. */
    @Test
    void trainedDecoderReachesTheTrueLikelihood() {
        double trained = mean(exactNll);
        double truth = mean(exactNllOf(W_TRUE, B_TRUE, testX, N_TEST));
        assertEquals(truth, trained, 0.02, "exact test nll of the trained decoder vs the true model");
    }

    /** The closed-form ELBO of the trained encoder is below log p(x) for every example, with a real gap. */
    @Test
    void closedFormElboIsBelowTheExactLikelihood() {
        for (int i = 0; i < N_TEST; i++) {
            assertTrue(closedFormNegElbo[i] >= exactNll[i] - 1e-9, "example " + i);
        }
        double gap = mean(closedFormNegElbo) - mean(exactNll);
        assertTrue(gap > 0.01 && gap < 0.2, "a diagonal q not yet at the optimum leaves a gap, got " + gap);
    }

    /**
     * Evaluator.elbo is the mean of the one-sample ELBO: averaged over passes it matches the closed
     * form within a few standard errors, so it lies below the exact log p(x).
     */
    @Test
    void elboEstimateIsUnbiasedAndBelowTheExactLikelihood() {
        double[] passes = new double[ELBO_PASSES];
        for (int r = 0; r < ELBO_PASSES; r++) {
            passes[r] = new Evaluator(vae, 500).elbo(test, new Rng(1000 + r)).negElbo();
        }
        double negElbo = mean(passes);
        double stdErr = stdErr(passes);
        double closedForm = mean(closedFormNegElbo);
        double exact = mean(exactNll);
        assertTrue(stdErr < 0.01, "enough passes to resolve the gap, stderr " + stdErr);
        assertEquals(closedForm, negElbo, 4 * stdErr);
        assertTrue(negElbo >= exact - 4 * stdErr, "ELBO <= log p(x): -ELBO " + negElbo + " vs exact nll " + exact);
        // the batch means are those of the per-example terms: one batch of all examples, same noise
        try (NDManager s = manager.newSubManager()) {
            Terms terms = new Elbo(vae).terms(LatentModel.inference(s), test, new Rng(1000), false);
            assertEquals(mean(toDouble(terms.negElbo().toFloatArray())), passes[0], 1e-4);
        }
    }

    /** IWAE's nll falls with k toward the exact value: nll(1) > nll(10) > nll(100) >= exact. */
    @Test
    void iwaeRisesTowardTheExactLikelihood() {
        double exact = mean(exactNll);
        int[] ks = {1, 10, 100};
        double[] nll = new double[3];
        double[] gapStdErr = new double[3];
        for (int j = 0; j < 3; j++) {
            nll[j] = new Evaluator(vae, 500).iwae(test, ks[j], new Rng(2000 + ks[j]), n -> { }).nll();
            // the Monte Carlo spread of -L_k(x) - (-log p(x)), from an independent per-example run
            try (NDManager s = manager.newSubManager()) {
                NDArray bound = new IwaeBound(vae, ks[j], ks[j]).logMarginal(LatentModel.inference(s), test,
                        new Rng(3000 + ks[j]));
                gapStdErr[j] = stdErr(diff(toDouble(bound.neg().toFloatArray()), exactNll));
            }
        }
        for (int j = 0; j < 2; j++) {
            double separation = 3 * Math.hypot(gapStdErr[j], gapStdErr[j + 1]);
            assertTrue(nll[j] - nll[j + 1] > separation, "nll(" + ks[j] + ") = " + nll[j] + " clearly above nll("
                    + ks[j + 1] + ") = " + nll[j + 1]);
        }
        assertTrue(nll[2] >= exact - 4 * gapStdErr[2], "nll(100) " + nll[2] + " is not below exact " + exact);
        assertEquals(exact, nll[2], 0.01, "nll(100) is within 0.01 nats of the exact nll");
        // k = 1 has the expectation of the ELBO
        assertEquals(mean(closedFormNegElbo), nll[0], 4 * gapStdErr[0]);
    }

    /**
     * With the same eps, L_1(x) - ELBO(x) = log p(z) - log q(z|x) + KL(q || p): zero in expectation
     * (the reconstruction term cancels exactly).
     */
    @Test
    void iwaeWithOneSampleIsTheElboInExpectation() {
        double[] differences = new double[N_TEST * PAIRED_PASSES];
        for (int r = 0; r < PAIRED_PASSES; r++) {
            try (NDManager s = manager.newSubManager()) {
                float[] elbo = new Elbo(vae).terms(LatentModel.inference(s), test, new Rng(4000 + r), false)
                        .negElbo().neg().toFloatArray();
                float[] iwae = new IwaeBound(vae, 1, 1).logMarginal(LatentModel.inference(s), test, new Rng(4000 + r))
                        .toFloatArray();
                for (int i = 0; i < N_TEST; i++) {
                    differences[r * N_TEST + i] = iwae[i] - elbo[i];
                }
            }
        }
        double stdErr = stdErr(differences);
        assertTrue(stdErr < 0.01, "stderr " + stdErr);
        assertEquals(0, mean(differences), 4 * stdErr);
    }

    static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static double[] diff(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static double stdErr(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** x = W z + b + sigma * noise, z ~ N(0, I_L), noise ~ N(0, I_D). */
    static NDArray generate(NDManager m, int n, long seed) {
        Rng rng = new Rng(seed);
        float[] z = rng.normal(m, new Shape(n, L)).toFloatArray();
        float[] noise = rng.normal(m, new Shape(n, D)).toFloatArray();
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < D; d++) {
                double v = B_TRUE[d] + SIGMA * noise[i * D + d];
                for (int j = 0; j < L; j++) {
                    v += W_TRUE[d][j] * z[i * L + j];
                }
                x[i * D + d] = (float) v;
            }
        }
        return m.create(x, new Shape(n, D));
    }

    /** The single Linear layer's weight [out, in] and bias [out] of a network without hidden layers. */
    static double[][] weight(Block network) {
        return matrix(find(network, "weight"));
    }

    static double[] bias(Block network) {
        float[] b = find(network, "bias").toFloatArray();
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    private static NDArray find(Block network, String suffix) {
        NDArray found = null;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                assertNull(found, "one " + suffix + " in a network without hidden layers");
                found = p.getValue().getArray();
            }
        }
        return found;
    }

    private static double[][] matrix(NDArray a) {
        long rows = a.getShape().get(0);
        long cols = a.getShape().get(1);
        float[] v = a.toFloatArray();
        double[][] out = new double[(int) rows][(int) cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = v[(int) (i * cols + j)];
            }
        }
        return out;
    }

    /** -log N(x; b, W W^T + sigma^2 I) per example, W and b the decoder's, by Cholesky. */
    static double[] exactNll(LatentModel model, float[] x, int n) {
        double[][] w = weight(model.decoder().network());
        double[] b = bias(model.decoder().network());
        assertEquals(D, w.length);
        assertEquals(L, w[0].length);
        return exactNllOf(w, b, x, n);
    }

    static double[] exactNllOf(double[][] w, double[] b, float[] x, int n) {
        DMatrixRMaj cov = new DMatrixRMaj(D, D);
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = i == j ? SIGMA * SIGMA : 0;
                for (int k = 0; k < L; k++) {
                    s += w[i][k] * w[j][k];
                }
                cov.set(i, j, s);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(D, true);
        assertTrue(chol.decompose(cov));
        DMatrixRMaj lower = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < D; i++) {
            logDet += 2 * Math.log(lower.get(i, i));
        }
        double[] nll = new double[n];
        DMatrixRMaj diff = new DMatrixRMaj(D, 1);
        DMatrixRMaj solved = new DMatrixRMaj(D, 1);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < D; d++) {
                diff.set(d, 0, x[i * D + d] - b[d]);
            }
            // L y = x - b: the Mahalanobis distance is |y|^2
            CommonOps_DDRM.solve(lower, diff, solved);
            double mahalanobis = 0;
            for (int d = 0; d < D; d++) {
                mahalanobis += solved.get(d, 0) * solved.get(d, 0);
            }
            nll[i] = 0.5 * (D * Math.log(2 * Math.PI) + logDet + mahalanobis);
        }
        return nll;
    }

    /**
     * -ELBO per example in closed form: with q = N(m, diag(v)) and p(x|z) = N(W z + b, s^2 I),
     * E_q[log p(x|z)] = -D/2 log(2 pi s^2) - (|x - W m - b|^2 + sum_j (W^T W)_jj v_j) / (2 s^2).
     */
    static double[] closedFormNegElbo(LatentModel model, float[] x, int n) {
        double[][] w = weight(model.decoder().network());
        double[] b = bias(model.decoder().network());
        double[][] a = weight(model.encoder().network());
        double[] c = bias(model.encoder().network());
        double s2 = SIGMA * SIGMA;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] h = new double[2 * L];
            for (int r = 0; r < 2 * L; r++) {
                h[r] = c[r];
                for (int d = 0; d < D; d++) {
                    h[r] += a[r][d] * x[i * D + d];
                }
            }
            double kl = 0;
            double trace = 0;
            for (int j = 0; j < L; j++) {
                double mu = h[j];
                double logVar = h[L + j];
                double var = Math.exp(logVar);
                kl += 0.5 * (mu * mu + var - 1 - logVar);
                double colNorm = 0;
                for (int d = 0; d < D; d++) {
                    colNorm += w[d][j] * w[d][j];
                }
                trace += colNorm * var;
            }
            double sq = 0;
            for (int d = 0; d < D; d++) {
                double mean = b[d];
                for (int j = 0; j < L; j++) {
                    mean += w[d][j] * h[j];
                }
                double r = x[i * D + d] - mean;
                sq += r * r;
            }
            double recon = 0.5 * D * Math.log(2 * Math.PI * s2) + (sq + trace) / (2 * s2);
            out[i] = recon + kl;
        }
        return out;
    }
}
