package org.vae4j.api;

import org.vae4j.classic.Pca;

/**
 * How codes become points in the plane: 2-D codes as they are, longer codes projected onto the first two
 * principal components of the codes the projection was fitted on. Fitted once, it places new codes the
 * same way (training codes on a map of test codes, a point a user adds).
 */
public final class Projection {

    private final Pca pca;
    private final int dim;
    private final double explained;

    private Projection(Pca pca, int dim, double explained) {
        this.pca = pca;
        this.dim = dim;
        this.explained = explained;
    }

    /** Fits the projection of n codes of dimension dim (at least 2): none for dim 2, PCA for more. */
    public static Projection fit(float[] codes, int n, int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("a map needs codes of at least 2 dimensions, got " + dim);
        }
        if (dim == 2) {
            return new Projection(null, 2, 1);
        }
        Pca pca = Pca.fit(codes, n, dim, 2);
        double[] kept = pca.explainedVariance();
        return new Projection(pca, dim, (kept[0] + kept[1]) / totalVariance(codes, n, dim));
    }

    /** Fits the projection of an encoding's codes. */
    public static Projection fit(Encoding codes) {
        return fit(codes.mean(), codes.n(), codes.latentDim());
    }

    /** The points of n codes: n * 2 values, row-major. */
    public float[] apply(float[] codes, int n) {
        if ((long) n * dim != codes.length) {
            throw new IllegalArgumentException(codes.length + " values are not " + n + " codes of " + dim);
        }
        return pca == null ? codes.clone() : pca.transform(codes, n);
    }

    /** The points of an encoding's codes. */
    public float[] apply(Encoding codes) {
        return apply(codes.mean(), codes.n());
    }

    /** The codes whose points these are, for PCA the nearest codes in the plane of the components. */
    public float[] invert(float[] points, int n) {
        return pca == null ? points.clone() : pca.inverseTransform(points, n);
    }

    /** True when codes are plotted as they are (2-D codes). */
    public boolean isIdentity() {
        return pca == null;
    }

    /** The share of the codes' variance the two components keep (1 for 2-D codes). */
    public double explained() {
        return explained;
    }

    /** The dimension of the codes projected. */
    public int dim() {
        return dim;
    }

    /** Sum over dimensions of the variance of n rows (1/n normalization): the trace of their covariance. */
    public static double totalVariance(float[] x, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double centred = x[i * dim + j] - mean[j];
                total += centred * centred;
            }
        }
        return total / n;
    }
}
