package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis: the leading eigenvectors of the covariance
 * C = (1/n) sum_i (x_i - mean)(x_i - mean)^T, as orthonormal rows of W [components, d] in order of
 * decreasing eigenvalue. Codes are z = (x - mean) W^T and reconstructions x' = z W + mean; the mean
 * squared reconstruction error on the training data, sum_i |x_i - x'_i|^2 / n, is the sum of the
 * discarded eigenvalues (Jolliffe, Principal Component Analysis, 2002, sec. 3.5).
 *
 * <p>C is accumulated in float64 by DJL over blocks of rows; its symmetric eigen-decomposition (d x d)
 * is EJML's. Each basis row is signed so that its largest-magnitude entry is positive, which makes the
 * result deterministic. Instances are immutable and hold plain arrays only.
 */
public final class Pca {

    private final int dim;
    private final int components;
    private final float[] mean;
    private final float[] basis;
    private final double[] explainedVariance;

    private Pca(int dim, int components, float[] mean, float[] basis, double[] explainedVariance) {
        this.dim = dim;
        this.components = components;
        this.mean = mean;
        this.basis = basis;
        this.explainedVariance = explainedVariance;
    }

    /**
     * Fits PCA on n rows of dimension d (row-major x), keeping {@code components} principal directions.
     *
     * @param x n * d finite values; row i occupies [i * d, (i + 1) * d)
     * @param n number of rows, at least 1
     * @param d dimension, at least 1
     * @param components directions kept, in 1..d
     */
    public static Pca fit(float[] x, int n, int d, int components) {
        Arguments.matrix("x", x, n, d, 1);
        if (components < 1 || components > d) {
            throw new IllegalArgumentException("components must be in 1..d = " + d + ", got " + components);
        }
        Arguments.finite("x", x, d);
        double[] mean;
        DMatrixRMaj covariance;
        try (NDManager manager = NDManager.newBaseManager()) {
            mean = Rows.columnSums(manager, x, n, d);
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            covariance = new DMatrixRMaj(d, d, true, covariance(manager, x, n, d, mean));
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eigen.decompose(covariance)) {
            throw new IllegalStateException("the eigen-decomposition of the " + d + " x " + d + " covariance failed");
        }
        double[] eigenvalues = new double[d];
        for (int i = 0; i < d; i++) {
            eigenvalues[i] = eigen.getEigenvalue(i).getReal();
        }
        int[] order = IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -eigenvalues[i])).mapToInt(Integer::intValue)
                .toArray();
        float[] basis = new float[components * d];
        double[] explained = new double[components];
        for (int c = 0; c < components; c++) {
            DMatrixRMaj vector = eigen.getEigenVector(order[c]);
            // rounding can leave a covariance eigenvalue slightly below zero; a variance is not
            explained[c] = Math.max(0, eigenvalues[order[c]]);
            int largest = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(vector.get(j)) > Math.abs(vector.get(largest))) {
                    largest = j;
                }
            }
            double sign = vector.get(largest) < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                basis[c * d + j] = (float) (sign * vector.get(j));
            }
        }
        float[] meanFloats = new float[d];
        for (int j = 0; j < d; j++) {
            meanFloats[j] = (float) mean[j];
        }
        return new Pca(d, components, meanFloats, basis, explained);
    }

    /** C = (1/n) sum over blocks of Xc^T Xc with Xc the centred block, in float64, row-major d x d. */
    private static double[] covariance(NDManager manager, float[] x, int n, int d, double[] mean) {
        NDArray meanRow = manager.create(mean, new Shape(1, d));
        NDArray scatter = manager.zeros(new Shape(d, d), DataType.FLOAT64);
        int step = Rows.blockRows(d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray centred = Rows.block(sub, x, d, from, to).toType(DataType.FLOAT64, false).subi(meanRow);
                scatter.addi(centred.transpose().matMul(centred));
            }
        }
        double[] c = scatter.toDoubleArray();
        for (int i = 0; i < c.length; i++) {
            c[i] /= n;
        }
        return c;
    }

    /** The number of principal directions kept. */
    public int components() {
        return components;
    }

    /** The dimension d of the data. */
    public int dim() {
        return dim;
    }

    /** The training mean [d] (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** W [components * d], row-major: orthonormal rows in order of decreasing variance (a copy). */
    public float[] basis() {
        return basis.clone();
    }

    /** The covariance eigenvalues (1/n normalization) of the kept directions, decreasing (a copy). */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Codes z = (x - mean) W^T of n rows: [n * components], row-major. */
    public float[] transform(float[] x, int n) {
        Arguments.matrix("x", x, n, dim, 0);
        float[] codes = new float[n * components];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray meanRow = manager.create(mean, new Shape(1, dim));
            NDArray basisT = manager.create(basis, new Shape(components, dim)).transpose();
            int step = Rows.blockRows(Math.max(dim, components));
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray centred = Rows.block(sub, x, dim, from, to).subi(meanRow);
                    float[] z = centred.matMul(basisT).toFloatArray();
                    System.arraycopy(z, 0, codes, from * components, z.length);
                }
            }
        }
        return codes;
    }

    /** Reconstructions x' = z W + mean of n codes: [n * d], row-major. */
    public float[] inverseTransform(float[] codes, int n) {
        if (codes == null) {
            throw new IllegalArgumentException("codes is null");
        }
        if (n < 0 || (long) n * components != codes.length) {
            throw new IllegalArgumentException("codes has " + codes.length + " values, expected n * components = "
                    + n + " * " + components + " = " + (long) n * components);
        }
        float[] x = new float[n * dim];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray meanRow = manager.create(mean, new Shape(1, dim));
            NDArray w = manager.create(basis, new Shape(components, dim));
            int step = Rows.blockRows(Math.max(dim, components));
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    float[] part = Rows.block(sub, codes, components, from, to).matMul(w).addi(meanRow).toFloatArray();
                    System.arraycopy(part, 0, x, from * dim, part.length);
                }
            }
        }
        return x;
    }

    @Override
    public String toString() {
        return "Pca[dim=" + dim + ", components=" + components + ", explainedVariance="
                + Arrays.toString(explainedVariance) + "]";
    }
}
