package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Probabilistic PCA: the closed-form maximum, EM reaching it, and the Woodbury marginal. */
class ProbabilisticPcaTest {

    private static final int D = 12;
    private static final int Q = 3;
    private static final int N = 2000;

    @Test
    void closedFormNoiseVarianceIsTheMeanOfTheDiscardedEigenvalues() {
        float[] x = sample(N, D, Q, 1);
        ProbabilisticPca ppca = ProbabilisticPca.closedForm(x, N, D, Q);
        double[] eigenvalues = covarianceEigenvalues(x, N, D);
        double discarded = 0;
        for (int j = Q; j < D; j++) {
            discarded += eigenvalues[j];
        }
        assertEquals(discarded / (D - Q), ppca.noiseVariance(), 1e-9);
        // W^T W = L_q - sigma^2 I: orthogonal columns of squared length lambda_j - sigma^2
        DMatrixRMaj w = new DMatrixRMaj(D, Q, true, ppca.loadings());
        DMatrixRMaj gram = new DMatrixRMaj(Q, Q);
        CommonOps_DDRM.multTransA(w, w, gram);
        for (int i = 0; i < Q; i++) {
            for (int j = 0; j < Q; j++) {
                double expected = i == j ? eigenvalues[j] - ppca.noiseVariance() : 0;
                // the basis comes from Pca in float32: 1e-6 relative
                assertEquals(expected, gram.get(i, j), 1e-5 * eigenvalues[0], "W^T W at " + i + "," + j);
            }
        }
        // at the maximum, log L / n = -1/2 (d log 2 pi + sum_{j<=q} log lambda_j + (d - q) log sigma^2 + d)
        double logDetC = (D - Q) * Math.log(ppca.noiseVariance());
        for (int j = 0; j < Q; j++) {
            logDetC += Math.log(eigenvalues[j]);
        }
        double expected = -0.5 * (D * Math.log(2 * Math.PI) + logDetC + D);
        assertEquals(expected, ppca.meanLogLikelihood(x, N), 1e-6);
    }

    @Test
    void marginalEqualsADenseGaussianOnATinyCase() {
        int d = 5;
        int n = 40;
        float[] x = sample(n, d, 2, 2);
        ProbabilisticPca ppca = ProbabilisticPca.closedForm(x, n, d, 2);
        assertMatchesDense(ppca, x, n, d);
        ProbabilisticPca em = ProbabilisticPca.em(x, n, d, new PpcaConfig(2, 3, 0, 5));
        assertMatchesDense(em, x, n, d);
    }

    /** E[z|x] = M^-1 W^T (x - mu) with M = W^T W + sigma^2 I, against a dense solve in double precision. */
    @Test
    void posteriorMeansSolveTheLinearGaussianPosterior() {
        int d = 5;
        int n = 40;
        int q = 2;
        float[] x = sample(n, d, q, 2);
        ProbabilisticPca ppca = ProbabilisticPca.closedForm(x, n, d, q);
        DMatrixRMaj w = new DMatrixRMaj(d, q, true, ppca.loadings());
        DMatrixRMaj m = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransA(w, w, m);
        for (int j = 0; j < q; j++) {
            m.add(j, j, ppca.noiseVariance());
        }
        double[] mu = ppca.mean();
        double[] codes = ppca.posteriorMeans(x, n);
        assertEquals(n * q, codes.length);
        double largest = 0;
        for (int i = 0; i < n; i++) {
            DMatrixRMaj centred = new DMatrixRMaj(d, 1);
            for (int k = 0; k < d; k++) {
                centred.set(k, 0, x[i * d + k] - mu[k]);
            }
            DMatrixRMaj wtx = new DMatrixRMaj(q, 1);
            CommonOps_DDRM.multTransA(w, centred, wtx);
            DMatrixRMaj expected = new DMatrixRMaj(q, 1);
            assertTrue(CommonOps_DDRM.solve(m, wtx, expected));
            for (int j = 0; j < q; j++) {
                assertEquals(expected.get(j, 0), codes[i * q + j], 1e-9 * Math.max(1, Math.abs(expected.get(j, 0))),
                        "row " + i + ", z_" + j);
                largest = Math.max(largest, Math.abs(expected.get(j, 0)));
            }
        }
        assertTrue(largest > 0.1, "the codes are not all near zero: " + largest);
    }

    /** EM climbs to the closed form's likelihood, never above it (the global maximum) and never down. */
    @Test
    void emReachesTheClosedFormAndNeverDecreases() {
        float[] x = sample(N, D, Q, 3);
        double closedForm = ProbabilisticPca.closedForm(x, N, D, Q).meanLogLikelihood(x, N);
        ProbabilisticPca em = ProbabilisticPca.em(x, N, D, new PpcaConfig(Q, 200, 1e-10, 7));
        List<PpcaStep> history = em.history();
        double reached = em.meanLogLikelihood(x, N);
        for (int t = 1; t < history.size(); t++) {
            assertTrue(history.get(t).logLikelihood() >= history.get(t - 1).logLikelihood() - 1e-12,
                    "iteration " + (t + 1) + " lowered the likelihood");
        }
        assertTrue(reached >= history.get(history.size() - 1).logLikelihood() - 1e-12);
        assertTrue(reached <= closedForm + 1e-9, "EM " + reached + " above the maximum " + closedForm);
        assertTrue(history.get(0).logLikelihood() < closedForm - 1, "EM starts far below the maximum");
        // measured: EM stops 2e-10 nats below the closed form after 65 iterations
        assertEquals(closedForm, reached, 1e-6);
        assertTrue(history.size() < 200, "EM converged before the iteration limit: " + history.size());
    }

    /** EM's W spans the principal subspace, and its sigma^2 is the closed form's. */
    @Test
    void emFindsThePrincipalSubspace() {
        float[] x = sample(N, D, Q, 4);
        ProbabilisticPca closed = ProbabilisticPca.closedForm(x, N, D, Q);
        ProbabilisticPca em = ProbabilisticPca.em(x, N, D, new PpcaConfig(Q, 200, 1e-10, 8));
        double[] angles = Subspaces.principalAnglesDegrees(new DMatrixRMaj(D, Q, true, closed.loadings()),
                new DMatrixRMaj(D, Q, true, em.loadings()));
        // measured: largest angle 1.6e-6 degrees, sigma^2 equal to 3e-7 relative
        assertTrue(angles[Q - 1] < 0.05, "angles " + Arrays.toString(angles));
        assertEquals(closed.noiseVariance(), em.noiseVariance(), 1e-6 * closed.noiseVariance());
    }

    @Test
    void badArguments() {
        float[] x = sample(20, 4, 1, 5);
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.closedForm(x, 20, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.closedForm(x, 20, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new PpcaConfig(2, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PpcaConfig(2, 10, -1, 1));
        // data on a line have no variance off it: sigma^2 = 0 has no density
        float[] line = new float[20 * 3];
        for (int i = 0; i < 20; i++) {
            line[3 * i] = i;
            line[3 * i + 1] = 2 * i;
            line[3 * i + 2] = -i;
        }
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> ProbabilisticPca.closedForm(line, 20, 3, 1));
        assertTrue(flat.getMessage().contains("no variance outside a 1-dimensional subspace"), flat.getMessage());
    }

    private static void assertMatchesDense(ProbabilisticPca ppca, float[] x, int n, int d) {
        int q = ppca.latent();
        DMatrixRMaj w = new DMatrixRMaj(d, q, true, ppca.loadings());
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(w, w, c);
        for (int i = 0; i < d; i++) {
            c.add(i, i, ppca.noiseVariance());
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        assertTrue(chol.decompose(c));
        DMatrixRMaj lower = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(lower.get(i, i));
        }
        double[] mean = ppca.mean();
        double[] logPx = ppca.logLikelihood(x, n);
        for (int r = 0; r < n; r++) {
            DMatrixRMaj diff = new DMatrixRMaj(d, 1);
            for (int j = 0; j < d; j++) {
                diff.set(j, 0, x[r * d + j] - mean[j]);
            }
            DMatrixRMaj solved = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.solve(lower, diff, solved);
            double mahalanobis = CommonOps_DDRM.dot(solved, solved);
            double dense = -0.5 * (d * Math.log(2 * Math.PI) + logDet + mahalanobis);
            assertEquals(dense, logPx[r], 1e-10 * Math.abs(dense), "row " + r);
        }
    }

    /** Eigenvalues of the sample covariance (1/n), descending, by a dense EJML decomposition. */
    private static double[] covarianceEigenvalues(float[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / (double) n;
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    s.add(a, b, (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]) / n);
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        assertTrue(eig.decompose(s));
        double[] values = new double[d];
        for (int j = 0; j < d; j++) {
            values[j] = eig.getEigenvalue(j).getReal();
        }
        Arrays.sort(values);
        double[] descending = new double[d];
        for (int j = 0; j < d; j++) {
            descending[j] = values[d - 1 - j];
        }
        return descending;
    }

    /**
     * x = W z + b + noise, z ~ N(0, I_q), noise ~ N(0, I_d), with a fixed random W of q columns of decreasing
     * scale: for d = 12, q = 3 (seed 3) the covariance eigenvalues are 12.1, 6.6, 2.0, then 1.1 to 0.9. Moderate signal
     * to noise on purpose: near the optimum EM shrinks a direction of eigenvalue lambda by a factor of about
     * 1 - 2 sigma^2 (lambda - sigma^2) / lambda^2 per iteration (from the M-step restricted to that direction),
     * so with lambda / sigma^2 = 600 it needs thousands of iterations (measured with eigenvalues 156, 61, 6.3 and
     * sigma^2 = 0.25: 3000 iterations to come within 1e-8 nats of the maximum, 1000 for 1e-3).
     */
    static float[] sample(int n, int d, int q, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w = new double[d][q];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            b[i] = random.nextGaussian();
            for (int j = 0; j < q; j++) {
                w[i][j] = (0.8 - 0.2 * j) * random.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        double[] z = new double[q];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < q; j++) {
                z[j] = random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = b[i] + random.nextGaussian();
                for (int j = 0; j < q; j++) {
                    v += w[i][j] * z[j];
                }
                x[r * d + i] = (float) v;
            }
        }
        return x;
    }
}
