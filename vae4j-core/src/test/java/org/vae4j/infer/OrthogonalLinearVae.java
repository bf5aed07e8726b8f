package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.Vae;

/**
 * A linear-Gaussian VAE with set parameters: p(z) = N(0, I_L), p(x|z, y) = N(W z + b_y, sigma^2 I_D)
 * with b_y = b + U e_y for a class-conditional model. W has orthogonal columns, so the exact
 * posterior p(z|x, y) = N(M^-1 W^T (x - b_y), sigma^2 M^-1), M = W^T W + sigma^2 I, is a diagonal
 * Gaussian: the best q reaches log p(x|y) = log N(x; b_y, W W^T + sigma^2 I) exactly. The encoder is
 * linear too and set by the test.
 */
final class OrthogonalLinearVae {

    static final int D = 5;
    static final int L = 2;
    static final double SIGMA = 0.5;
    /** Columns (1, 1, 0, 1, -1) * 0.8 and (1, -1, 1, 0, 0) * 1.2: orthogonal, squared norms 2.56 and 4.32. */
    static final double[][] W = {{0.8, 1.2}, {0.8, -1.2}, {0.0, 1.2}, {0.8, 0.0}, {-0.8, 0.0}};
    static final double[] B = {0.5, -1.0, 0.2, 0.0, 1.5};
    /** Class offsets U e_y of a class-conditional model (2 classes). */
    static final double[][] U = {{1.0, -1.0}, {0.0, 0.5}, {-0.5, 0.0}, {0.3, 0.3}, {0.0, -0.7}};

    private OrthogonalLinearVae() {
    }

    /** The model, its decoder set to W, b (and U), its encoder to zero weights and the given bias. */
    static Vae create(NDManager m, int classes, double[] encoderBias) {
        ModelConfig config = ModelConfig.builder().kind(classes > 0 ? ModelKind.CVAE : ModelKind.VAE).shape(1, D)
                .latentDim(L).hidden(List.of()).likelihood(Likelihood.GAUSSIAN).sigma(SIGMA).classes(classes).build();
        Vae vae = (Vae) LatentModel.create(config, m, 1);
        float[] decoderWeight = new float[D * (L + classes)];
        for (int d = 0; d < D; d++) {
            for (int j = 0; j < L; j++) {
                decoderWeight[d * (L + classes) + j] = (float) W[d][j];
            }
            for (int c = 0; c < classes; c++) {
                decoderWeight[d * (L + classes) + L + c] = (float) U[d][c];
            }
        }
        set(vae.decoder().network(), "weight", decoderWeight);
        set(vae.decoder().network(), "bias", toFloat(B));
        set(vae.encoder().network(), "weight", new float[2 * L * (D + classes)]);
        set(vae.encoder().network(), "bias", toFloat(encoderBias));
        return vae;
    }

    /**
     * Sets the encoder to mean(x) = shrink * M^-1 W^T (x - b) and logVar = log(sigma^2 / (c_j + sigma^2))
     * + logVarOffset: the exact posterior of an unconditional model, deliberately off.
     */
    static void setEncoder(Vae vae, double shrink, double logVarOffset) {
        float[] weight = new float[2 * L * D];
        float[] bias = new float[2 * L];
        for (int j = 0; j < L; j++) {
            double scale = shrink / (columnNorm(j) + SIGMA * SIGMA);
            for (int d = 0; d < D; d++) {
                weight[j * D + d] = (float) (scale * W[d][j]);
                bias[j] -= (float) (scale * W[d][j] * B[d]);
            }
            bias[L + j] = (float) (Math.log(posteriorVariance(j)) + logVarOffset);
        }
        set(vae.encoder().network(), "weight", weight);
        set(vae.encoder().network(), "bias", bias);
    }

    /** n draws x = W z + b_y + sigma * noise, z ~ N(0, I), labels y = i mod classes; [n, D] in m. */
    static NDArray sample(NDManager m, int n, int classes, long seed) {
        Rng rng = new Rng(seed);
        float[] z = rng.normal(m, new Shape(n, L)).toFloatArray();
        float[] noise = rng.normal(m, new Shape(n, D)).toFloatArray();
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            double[] b = offset(labelOf(i, classes));
            for (int d = 0; d < D; d++) {
                double v = b[d] + SIGMA * noise[i * D + d];
                for (int j = 0; j < L; j++) {
                    v += W[d][j] * z[i * L + j];
                }
                x[i * D + d] = (float) v;
            }
        }
        return m.create(x, new Shape(n, D));
    }

    static int[] labels(int n, int classes) {
        if (classes == 0) {
            return null;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelOf(i, classes);
        }
        return labels;
    }

    private static int labelOf(int i, int classes) {
        return classes == 0 ? -1 : i % classes;
    }

    /** b_y = b + U e_y (b for y = -1: no class). */
    static double[] offset(int label) {
        double[] b = B.clone();
        for (int d = 0; d < D && label >= 0; d++) {
            b[d] += U[d][label];
        }
        return b;
    }

    /** c_j = |w_j|^2. */
    static double columnNorm(int j) {
        double s = 0;
        for (int d = 0; d < D; d++) {
            s += W[d][j] * W[d][j];
        }
        return s;
    }

    /** sigma^2 / (c_j + sigma^2), the exact posterior's variance of z_j. */
    static double posteriorVariance(int j) {
        return SIGMA * SIGMA / (columnNorm(j) + SIGMA * SIGMA);
    }

    /** The exact posterior mean of example i: (M^-1 W^T (x - b_y))_j = w_j . (x - b_y) / (c_j + sigma^2). */
    static double[] posteriorMean(float[] x, int i, int label) {
        double[] b = offset(label);
        double[] mean = new double[L];
        for (int j = 0; j < L; j++) {
            double dot = 0;
            for (int d = 0; d < D; d++) {
                dot += W[d][j] * (x[i * D + d] - b[d]);
            }
            mean[j] = dot / (columnNorm(j) + SIGMA * SIGMA);
        }
        return mean;
    }

    /** log N(x_i; b_y, W W^T + sigma^2 I) per example, by Cholesky (not using the orthogonality). */
    static double[] exactLogPx(float[] x, int[] labels) {
        int n = x.length / D;
        DMatrixRMaj cov = new DMatrixRMaj(D, D);
        for (int a = 0; a < D; a++) {
            for (int c = 0; c < D; c++) {
                double s = a == c ? SIGMA * SIGMA : 0;
                for (int j = 0; j < L; j++) {
                    s += W[a][j] * W[c][j];
                }
                cov.set(a, c, s);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(D, true);
        assertTrue(chol.decompose(cov));
        DMatrixRMaj lower = chol.getT(null);
        double logDet = 0;
        for (int d = 0; d < D; d++) {
            logDet += 2 * Math.log(lower.get(d, d));
        }
        double[] out = new double[n];
        DMatrixRMaj diff = new DMatrixRMaj(D, 1);
        DMatrixRMaj solved = new DMatrixRMaj(D, 1);
        for (int i = 0; i < n; i++) {
            double[] b = offset(labels == null ? -1 : labels[i]);
            for (int d = 0; d < D; d++) {
                diff.set(d, 0, x[i * D + d] - b[d]);
            }
            CommonOps_DDRM.solve(lower, diff, solved);
            double mahalanobis = CommonOps_DDRM.dot(solved, solved);
            out[i] = -0.5 * (D * Ops.LOG_2PI + logDet + mahalanobis);
        }
        return out;
    }

    /**
     * The ELBO of q = N(m, diag(exp(logVar))) in closed form, per example:
     * E_q[log p(x|z)] = -D/2 log(2 pi sigma^2) - (|x - W m - b_y|^2 + sum_j c_j v_j) / (2 sigma^2),
     * KL(q || N(0, I)) = 1/2 sum_j (m_j^2 + v_j - 1 - logVar_j).
     */
    static double[] closedFormElbo(float[] x, int[] labels, float[] mean, float[] logVar) {
        int n = x.length / D;
        double s2 = SIGMA * SIGMA;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] b = offset(labels == null ? -1 : labels[i]);
            double squares = 0;
            for (int d = 0; d < D; d++) {
                double r = x[i * D + d] - b[d];
                for (int j = 0; j < L; j++) {
                    r -= W[d][j] * mean[i * L + j];
                }
                squares += r * r;
            }
            double trace = 0;
            double kl = 0;
            for (int j = 0; j < L; j++) {
                double m = mean[i * L + j];
                double v = Math.exp(logVar[i * L + j]);
                trace += columnNorm(j) * v;
                kl += 0.5 * (m * m + v - 1 - logVar[i * L + j]);
            }
            out[i] = -0.5 * D * Math.log(2 * Math.PI * s2) - (squares + trace) / (2 * s2) - kl;
        }
        return out;
    }

    private static void set(Block network, String suffix, float[] values) {
        Parameter found = null;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                found = p.getValue();
            }
        }
        assertEquals(values.length, found.getArray().size(), suffix);
        Ops.assign(found.getArray(), values);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
