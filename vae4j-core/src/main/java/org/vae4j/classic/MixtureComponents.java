package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;
import org.vae4j.dist.Ops;

/**
 * The parameters theta = (pi_k, mu_k, Sigma_k), k = 1..K, of a Gaussian mixture in d dimensions, with
 * each covariance factored once (EJML Cholesky) so that the joint log-densities
 * log p(x, z = k) = log pi_k + log N(x; mu_k, Sigma_k) of a block of rows come from one DJL product.
 * Immutable; plain arrays only.
 */
final class MixtureComponents {

    private final CovarianceType type;
    private final int dim;
    private final double[] weights;
    private final double[] means;
    /** Full: K blocks of d x d row-major; diagonal: K rows of d variances. */
    private final double[] covariances;
    /** Full: [d, K d], column block k = (L_k^-1)^T; diagonal: [K, d] of 1 / sigma_kj. */
    private final double[] whitening;
    /** Full: [K d] with block k = L_k^-1 mu_k; diagonal: unused. */
    private final double[] whitenedMeans;
    /** log pi_k - d/2 log(2 pi) - 1/2 log |Sigma_k|. */
    private final double[] logNormalizers;

    private MixtureComponents(CovarianceType type, int dim, double[] weights, double[] means, double[] covariances,
            double[] whitening, double[] whitenedMeans, double[] logNormalizers) {
        this.type = type;
        this.dim = dim;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.whitening = whitening;
        this.whitenedMeans = whitenedMeans;
        this.logNormalizers = logNormalizers;
    }

    /**
     * Factors the covariances.
     *
     * @param weights K mixing weights pi_k > 0
     * @param means K d means
     * @param covariances K d x d matrices (full) or K d variances (diagonal)
     * @throws IllegalArgumentException naming the component whose covariance is not positive definite
     */
    static MixtureComponents of(CovarianceType type, int dim, double[] weights, double[] means,
            double[] covariances) {
        int k = weights.length;
        double[] logNormalizers = new double[k];
        double[] whitening;
        double[] whitenedMeans = null;
        if (type == CovarianceType.FULL) {
            whitening = new double[dim * k * dim];
            whitenedMeans = new double[k * dim];
            for (int c = 0; c < k; c++) {
                DMatrixRMaj sigma = new DMatrixRMaj(dim, dim);
                System.arraycopy(covariances, c * dim * dim, sigma.data, 0, dim * dim);
                Cholesky chol = Cholesky.tryFactor(sigma);
                if (chol == null) {
                    throw singular(c);
                }
                DMatrixRMaj li = chol.lowerInverse();
                for (int i = 0; i < dim; i++) {
                    double projected = 0;
                    for (int j = 0; j <= i; j++) {
                        // whitening[j, c d + i] = (L^-1)^T[j, i] = L^-1[i, j]
                        whitening[j * k * dim + c * dim + i] = li.get(i, j);
                        projected += li.get(i, j) * means[c * dim + j];
                    }
                    whitenedMeans[c * dim + i] = projected;
                }
                logNormalizers[c] = logNormalizer(weights[c], dim, chol.logDeterminant());
            }
        } else {
            whitening = new double[k * dim];
            for (int c = 0; c < k; c++) {
                double logDet = 0;
                for (int j = 0; j < dim; j++) {
                    double variance = covariances[c * dim + j];
                    if (!(variance > 0) || Double.isInfinite(variance)) {
                        throw singular(c);
                    }
                    whitening[c * dim + j] = 1 / Math.sqrt(variance);
                    logDet += Math.log(variance);
                }
                logNormalizers[c] = logNormalizer(weights[c], dim, logDet);
            }
        }
        return new MixtureComponents(type, dim, weights.clone(), means.clone(), covariances.clone(), whitening,
                whitenedMeans, logNormalizers);
    }

    /** log pi - d/2 log(2 pi) - 1/2 log |Sigma|. */
    private static double logNormalizer(double weight, int dim, double logDet) {
        return Math.log(weight) - 0.5 * dim * Ops.LOG_2PI - 0.5 * logDet;
    }

    private static IllegalArgumentException singular(int c) {
        return new IllegalArgumentException("the covariance of component " + c + " is not positive definite (the "
                + "component collapsed onto too few points or a flat subspace); raise the regularization or use "
                + "fewer components");
    }

    int components() {
        return weights.length;
    }

    CovarianceType type() {
        return type;
    }

    double[] weights() {
        return weights.clone();
    }

    double[] means() {
        return means.clone();
    }

    /** Component c's covariance as a d x d row-major matrix. */
    double[] covariance(int c) {
        double[] matrix = new double[dim * dim];
        if (type == CovarianceType.FULL) {
            System.arraycopy(covariances, c * dim * dim, matrix, 0, dim * dim);
        } else {
            for (int j = 0; j < dim; j++) {
                matrix[j * dim + j] = covariances[c * dim + j];
            }
        }
        return matrix;
    }

    /** The rows per block that keep the [rows, K, d] temporaries of {@link #logJoint} near 4M values. */
    int blockRows() {
        return Rows.blockRows((long) components() * dim);
    }

    /**
     * log p(x_i, z = k) = log pi_k - d/2 log(2 pi) - 1/2 log |Sigma_k| - 1/2 |L_k^-1 (x_i - mu_k)|^2 for a
     * block of rows x [b, d] (float64): [b, K] float64, in the manager of x.
     */
    NDArray logJoint(NDArray x) {
        NDManager m = x.getManager();
        int k = components();
        long b = x.getShape().get(0);
        NDArray whitened;
        if (type == CovarianceType.FULL) {
            // y_ik = L_k^-1 (x_i - mu_k) = x_i (L_k^-1)^T - (L_k^-1 mu_k)^T, for every k in one product
            whitened = x.matMul(m.create(whitening, new Shape(dim, (long) k * dim)))
                    .subi(m.create(whitenedMeans, new Shape(1, (long) k * dim))).reshape(b, k, dim);
        } else {
            // y_ikj = (x_ij - mu_kj) / sigma_kj
            whitened = x.reshape(b, 1, dim).sub(m.create(means, new Shape(1, k, dim)))
                    .muli(m.create(whitening, new Shape(1, k, dim)));
        }
        NDArray halfMahalanobis = whitened.square().sum(new int[] {2}).muli(m.create(-0.5));
        return halfMahalanobis.addi(m.create(logNormalizers, new Shape(1, k)));
    }
}
