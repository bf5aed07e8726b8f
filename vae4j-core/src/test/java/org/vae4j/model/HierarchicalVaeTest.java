package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.objective.IwaeBound;

/**
 * A two-layer hierarchical VAE made linear-Gaussian (its hidden units biased far into ReLU's linear part,
 * the variances of p(z_1|z_2) constant), so that log p(x) is exact:
 * x ~ N(C a + c, C (A A^T + S_1) C^T + sigma^2 I) for p(z_1|z_2) = N(A z_2 + a, S_1), p(x|z_1) = N(C z_1 + c,
 * sigma^2 I), z_2 ~ N(0, I). The bounds through both layers must behave as the theory says, whatever the
 * (random) encoder.
 */
class HierarchicalVaeTest {

    private static final int D = 3;
    private static final double SIGMA = 0.5;
    private static final float[] X = {0.8f, -0.4f, 1.5f, -1.2f, 0.3f, 0.1f, 2.0f, 1.0f, -0.5f};
    private static final float BIAS = 50f;

    /** The generative path's affine maps, read back from the parameters the test set. */
    private record Linear(double[][] a, double[] aBias, double[] s1, double[][] c, double[] cBias) {
    }

    private static ModelConfig config(Hierarchy hierarchy) {
        return ModelConfig.builder().kind(ModelKind.HVAE).shape(1, D).latents(List.of(2, 1)).hidden(List.of(4))
                .likelihood(Likelihood.GAUSSIAN).sigma(SIGMA).hierarchy(hierarchy).build();
    }

    /**
     * Parameters in model order: body (2), decoder (4), inference heads and nets, [upward], generative (4):
     * the decoder's and p(z_1|z_2)'s hidden biases are set to 50, p(z_1|z_2)'s log-variance rows to a
     * constant.
     */
    private static Linear linearize(HierarchicalVae model) {
        List<Parameter> p = model.parameters();
        int n = p.size();
        // decoder: [2] hidden weight [4, 2] (top-down: [4, 3], it reads [z_1, z_2]), [3] hidden bias,
        // [4] output weight [3, 4], [5] output bias
        boolean skip = model.config().hierarchy() == Hierarchy.TOP_DOWN;
        assertEquals(new Shape(4, skip ? 3 : 2), p.get(2).getArray().getShape());
        if (skip) {
            // the decoder's weights from z_2 to 0: p(x|z_1, z_2) = p(x|z_1), the linear-Gaussian model below
            float[] w = p.get(2).getArray().toFloatArray();
            for (int h = 0; h < 4; h++) {
                w[h * 3 + 2] = 0;
            }
            set(p.get(2), w);
        }
        assertEquals(new Shape(3, 4), p.get(4).getArray().getShape());
        set(p.get(3), new float[] {BIAS, BIAS, BIAS, BIAS});
        // p(z_1|z_2): hidden weight [4, 1], hidden bias, output weight [4 = 2 means + 2 log-variances, 4], bias
        assertEquals(new Shape(4, 1), p.get(n - 4).getArray().getShape());
        assertEquals(new Shape(4, 4), p.get(n - 2).getArray().getShape());
        set(p.get(n - 3), new float[] {BIAS, BIAS, BIAS, BIAS});
        float[] out = p.get(n - 2).getArray().toFloatArray();
        for (int j = 8; j < 16; j++) {
            out[j] = 0; // log-variance rows: no dependence on z_2
        }
        set(p.get(n - 2), out);
        // the output biases cancel the hidden biases' share, so the means stay near 0: a = (0.2, -0.3)
        float[] outBias = new float[4];
        for (int i = 0; i < 2; i++) {
            for (int h = 0; h < 4; h++) {
                outBias[i] -= out[i * 4 + h] * BIAS;
            }
        }
        outBias[0] += 0.2f;
        outBias[1] -= 0.3f;
        outBias[2] = (float) Math.log(0.3);
        outBias[3] = (float) Math.log(0.6);
        set(p.get(n - 1), outBias);
        float[] decoderOut = p.get(4).getArray().toFloatArray();
        float[] decoderBias = new float[3];
        for (int i = 0; i < 3; i++) {
            for (int h = 0; h < 4; h++) {
                decoderBias[i] -= decoderOut[i * 4 + h] * BIAS;
            }
        }
        set(p.get(5), decoderBias);
        // the decoder's hidden biases are 50 for z_1 of any plausible size, so the map is affine
        double[][] w1 = matrix(p.get(n - 4), 4, 1);
        double[] b1 = vector(p.get(n - 3));
        double[][] wo = matrix(p.get(n - 2), 4, 4);
        double[] bo = vector(p.get(n - 1));
        double[][] a = new double[2][1];
        double[] aBias = new double[2];
        for (int i = 0; i < 2; i++) {
            aBias[i] = bo[i];
            for (int h = 0; h < 4; h++) {
                a[i][0] += wo[i][h] * w1[h][0];
                aBias[i] += wo[i][h] * b1[h];
            }
        }
        double[] s1 = {Math.exp(bo[2]), Math.exp(bo[3])};
        double[][] v1 = firstColumns(matrix(p.get(2), 4, skip ? 3 : 2), 2);
        double[] vb1 = vector(p.get(3));
        double[][] vo = matrix(p.get(4), 3, 4);
        double[] vbo = vector(p.get(5));
        double[][] c = new double[3][2];
        double[] cBias = new double[3];
        for (int i = 0; i < 3; i++) {
            cBias[i] = vbo[i];
            for (int h = 0; h < 4; h++) {
                cBias[i] += vo[i][h] * vb1[h];
                for (int j = 0; j < 2; j++) {
                    c[i][j] += vo[i][h] * v1[h][j];
                }
            }
        }
        return new Linear(a, aBias, s1, c, cBias);
    }

    /** log N(x; C a + c, C (A A^T + S_1) C^T + sigma^2 I). */
    private static double exactLogPx(Linear g, float[] x) {
        DMatrixRMaj cov1 = new DMatrixRMaj(2, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                cov1.set(i, j, g.a()[i][0] * g.a()[j][0] + (i == j ? g.s1()[i] : 0));
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(g.c());
        DMatrixRMaj tmp = new DMatrixRMaj(3, 2);
        CommonOps_DDRM.mult(c, cov1, tmp);
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(tmp, c, cov);
        double[] mean = new double[3];
        for (int i = 0; i < 3; i++) {
            cov.add(i, i, SIGMA * SIGMA);
            mean[i] = g.cBias()[i] + g.c()[i][0] * g.aBias()[0] + g.c()[i][1] * g.aBias()[1];
        }
        DMatrixRMaj diff = new DMatrixRMaj(3, 1);
        for (int i = 0; i < 3; i++) {
            diff.set(i, 0, x[i] - mean[i]);
        }
        DMatrixRMaj solved = new DMatrixRMaj(3, 1);
        CommonOps_DDRM.solve(cov, diff, solved);
        double quad = CommonOps_DDRM.dot(diff, solved);
        return -0.5 * (3 * Math.log(2 * Math.PI) + Math.log(CommonOps_DDRM.det(cov)) + quad);
    }

    @ParameterizedTest
    @EnumSource(value = Hierarchy.class, names = {"BOTTOM_UP", "TOP_DOWN"})
    void boundsApproachTheExactLikelihood(Hierarchy hierarchy) {
        try (NDManager m = NDManager.newBaseManager();
                HierarchicalVae model = (HierarchicalVae) LatentModel.create(config(hierarchy), m, 3)) {
            Linear g = linearize(model);
            NDArray x = m.create(X, new Shape(3, D));
            ParameterStore ps = LatentModel.inference(m);
            double exact = 0;
            for (int i = 0; i < 3; i++) {
                exact += exactLogPx(g, java.util.Arrays.copyOfRange(X, i * D, (i + 1) * D)) / 3;
            }
            double elbo = mean(new IwaeBound(model, 1, 1), ps, x, 4000, 11);
            double iwae10 = mean(new IwaeBound(model, 10, 10), ps, x, 400, 12);
            double iwae5000 = mean(new IwaeBound(model, 5000, 1000), ps, x, 4, 13);
            System.out.printf("%s: exact log p(x) %.4f, ELBO %.4f, IWAE k=10 %.4f, k=5000 %.4f%n", hierarchy, exact,
                    elbo, iwae10, iwae5000);
            assertTrue(elbo < iwae10 && iwae10 < iwae5000, "the bound rises with k");
            assertTrue(elbo < exact - 0.05, "the ELBO lies below log p(x) by the posterior's KL gap");
            assertEquals(exact, iwae5000, 0.05, "IWAE with 5000 samples through both layers reaches log p(x)");
        }
    }

    /** The mean over {@code repeats} independent estimates of the bound, averaged over the three x. */
    private static double mean(IwaeBound bound, ParameterStore ps, NDArray x, int repeats, long seed) {
        Rng rng = new Rng(seed);
        double sum = 0;
        for (int r = 0; r < repeats; r++) {
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray copy = x.duplicate();
                copy.attach(scratch);
                sum += bound.logMarginal(new ParameterStore(scratch, false), copy, rng).mean().toFloatArray()[0];
            }
        }
        return sum / repeats;
    }

    /**
     * Each layer's KL term has the mean of log q(z_l|.) - log p(z_l|.) over the draws, for the analytic
     * terms too; and the total is the ELBO's gap: log p(x|z) - sum KL has the mean of log w.
     */
    @ParameterizedTest
    @EnumSource(value = Hierarchy.class, names = {"BOTTOM_UP", "TOP_DOWN"})
    void layerKlTermsMatchTheirMonteCarloValues(Hierarchy hierarchy) {
        try (NDManager m = NDManager.newBaseManager();
                HierarchicalVae model = (HierarchicalVae) LatentModel.create(config(hierarchy), m, 5)) {
            linearize(model);
            NDArray x = m.create(X, new Shape(3, D)).get("0:1");
            int k = 200_000;
            LatentDraws draws = model.draw(LatentModel.inference(m), x, null, k, new Rng(21), false);
            assertEquals(2, draws.kl().size());
            double klTotal = draws.totalKl().mean().toFloatArray()[0];
            NDArray perDraw = draws.logPxGivenZ().sub(draws.logWeight());
            double gap = perDraw.mean().toFloatArray()[0];
            double se = Math.sqrt(perDraw.sub(perDraw.mean()).square().mean().toFloatArray()[0] / k);
            System.out.printf("%s: sum of layer KLs %.5f, mean of log q - log p %.5f (std err %.5f); layers %.4f, %.4f%n",
                    hierarchy, klTotal, gap, se, draws.kl().get(0).mean().toFloatArray()[0],
                    draws.kl().get(1).mean().toFloatArray()[0]);
            assertEquals(gap, klTotal, 4 * se + 1e-4);
            // the top layer's KL is the closed form -1/2 sum (1 + logVar - mu^2 - sigma^2), never negative
            for (float v : draws.kl().get(1).toFloatArray()) {
                assertTrue(v >= -1e-6);
            }
        }
    }

    /** Ancestral samples: the decoder means have the mean C a + c and covariance C (A A^T + S_1) C^T. */
    @ParameterizedTest
    @EnumSource(value = Hierarchy.class, names = {"BOTTOM_UP", "TOP_DOWN"})
    void ancestralSamplesHaveThePriorsMoments(Hierarchy hierarchy) {
        try (NDManager m = NDManager.newBaseManager();
                HierarchicalVae model = (HierarchicalVae) LatentModel.create(config(hierarchy), m, 7)) {
            Linear g = linearize(model);
            int n = 100_000;
            float[] means = model.generate(LatentModel.inference(m), n, null, new Rng(31)).mean().toFloatArray();
            for (int i = 0; i < 3; i++) {
                double expectedMean = g.cBias()[i] + g.c()[i][0] * g.aBias()[0] + g.c()[i][1] * g.aBias()[1];
                double expectedVar = 0;
                for (int j = 0; j < 2; j++) {
                    for (int l = 0; l < 2; l++) {
                        double cov1 = g.a()[j][0] * g.a()[l][0] + (j == l ? g.s1()[j] : 0);
                        expectedVar += g.c()[i][j] * cov1 * g.c()[i][l];
                    }
                }
                double sum = 0;
                double sumSq = 0;
                for (int s = 0; s < n; s++) {
                    sum += means[s * D + i];
                    sumSq += (double) means[s * D + i] * means[s * D + i];
                }
                double mean = sum / n;
                double var = sumSq / n - mean * mean;
                assertEquals(expectedMean, mean, 5 * Math.sqrt(expectedVar / n), "mean of x_" + i);
                // the variance of a sample variance is 2 sigma^4 / n for a Gaussian
                assertEquals(expectedVar, var, 5 * expectedVar * Math.sqrt(2.0 / n), "variance of x_" + i);
            }
        }
    }

    private static double[][] firstColumns(double[][] m, int columns) {
        double[][] cut = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            cut[i] = java.util.Arrays.copyOf(m[i], columns);
        }
        return cut;
    }

    private static void set(Parameter p, float[] values) {
        Ops.assign(p.getArray(), values);
    }

    private static double[][] matrix(Parameter p, int rows, int cols) {
        float[] v = p.getArray().toFloatArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = v[i * cols + j];
            }
        }
        return out;
    }

    private static double[] vector(Parameter p) {
        float[] v = p.getArray().toFloatArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
