package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

    private static final int D = 5;
    /** An orthonormal pair spanning the plane, by hand: u1 = (1, 2, 0, 2, 0) / 3, u2 = (2, -1, 2, 0, 4) / 5. */
    private static final double[] U1 = {1 / 3.0, 2 / 3.0, 0, 2 / 3.0, 0};
    private static final double[] U2 = {2 / 5.0, -1 / 5.0, 2 / 5.0, 0, 4 / 5.0};
    private static final double[] OFFSET = {1.0, -2.0, 0.5, 3.0, -1.0};
    private static final double SIGMA1 = 3.0;
    private static final double SIGMA2 = 1.0;
    private static final double NOISE = 1e-3;
    private static final int N = 4000;

    /**
     * N points offset + SIGMA1 a_i u1 + SIGMA2 b_i u2 + noise, with (a, b) centred, orthogonal and of
     * variance exactly 1 (1/n), so the plane's covariance eigenvalues are exactly SIGMA1^2 and SIGMA2^2.
     */
    private static float[] planeData(long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[N];
        double[] b = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
        }
        center(a);
        center(b);
        double ab = dot(a, b) / dot(a, a);
        for (int i = 0; i < N; i++) {
            b[i] -= ab * a[i];
        }
        scaleToUnitVariance(a);
        scaleToUnitVariance(b);
        float[] x = new float[N * D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) (OFFSET[j] + SIGMA1 * a[i] * U1[j] + SIGMA2 * b[i] * U2[j]
                        + noise * random.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void recoversAKnownPlaneInR5() {
        // the unit vectors are orthonormal, as the test assumes
        assertEquals(1, dot(U1, U1), 1e-15);
        assertEquals(1, dot(U2, U2), 1e-15);
        assertEquals(0, dot(U1, U2), 1e-15);
        Pca pca = Pca.fit(planeData(1, NOISE), N, D, 2);
        assertEquals(2, pca.components());
        assertEquals(D, pca.dim());
        float[] w = pca.basis();
        // cosines of the principal angles between span(W) and span(u1, u2): singular values of
        // M = W [u1 u2], i.e. square roots of the eigenvalues of the 2x2 matrix M^T M
        double m11 = dot(row(w, 0), U1);
        double m12 = dot(row(w, 0), U2);
        double m21 = dot(row(w, 1), U1);
        double m22 = dot(row(w, 1), U2);
        double p = m11 * m11 + m21 * m21;
        double q = m12 * m12 + m22 * m22;
        double r = m11 * m12 + m21 * m22;
        double smallestCos2 = (p + q) / 2 - Math.sqrt((p - q) * (p - q) / 4 + r * r);
        double largestAngle = Math.acos(Math.sqrt(Math.min(1, smallestCos2)));
        assertTrue(largestAngle < 1e-3, "largest principal angle " + largestAngle + " rad");
        // distinct variances: the first direction is u1, the second u2, each signed so its largest entry is > 0
        assertEquals(1, Math.abs(m11), 1e-6);
        assertEquals(1, Math.abs(m22), 1e-6);
        for (int c = 0; c < 2; c++) {
            int largest = 0;
            for (int j = 1; j < D; j++) {
                largest = Math.abs(w[c * D + j]) > Math.abs(w[c * D + largest]) ? j : largest;
            }
            assertTrue(w[c * D + largest] > 0);
        }
        // eigenvalues: exactly SIGMA^2 for the noise-free plane; the noise adds about NOISE^2 = 1e-6
        double[] variance = pca.explainedVariance();
        assertEquals(2, variance.length);
        assertEquals(SIGMA1 * SIGMA1, variance[0], 1e-4 * SIGMA1 * SIGMA1);
        assertEquals(SIGMA2 * SIGMA2, variance[1], 1e-4 * SIGMA2 * SIGMA2);
        float[] mean = pca.mean();
        for (int j = 0; j < D; j++) {
            assertEquals(OFFSET[j], mean[j], 1e-4);
        }
    }

    @Test
    void basisRowsAreOrthonormalAndVariancesDecrease() {
        float[] x = gaussianData(3, 1000);
        Pca pca = Pca.fit(x, 1000, D, D);
        float[] w = pca.basis();
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < D; b++) {
                assertEquals(a == b ? 1 : 0, dot(row(w, a), row(w, b)), 1e-6, "W W^T at " + a + "," + b);
            }
        }
        double[] variance = pca.explainedVariance();
        for (int c = 1; c < D; c++) {
            assertTrue(variance[c] <= variance[c - 1], "eigenvalues decrease");
        }
        // all components: the eigenvalues sum to the trace of the covariance, the total variance
        assertEquals(totalVariance(x, 1000), sum(variance, 0, D), 1e-5 * totalVariance(x, 1000));
    }

    @Test
    void transformThenInverseReproducesPointsOfThePlane() {
        Pca pca = Pca.fit(planeData(1, NOISE), N, D, 2);
        // fresh, noise-free points of the plane, some far from the data
        double[][] coefficients = {{0, 0}, {1, -1}, {-5, 2}, {10, 10}, {0.25, -7}};
        int n = coefficients.length;
        float[] points = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                points[i * D + j] = (float) (OFFSET[j] + coefficients[i][0] * U1[j] + coefficients[i][1] * U2[j]);
            }
        }
        float[] codes = pca.transform(points, n);
        assertEquals(n * 2, codes.length);
        float[] back = pca.inverseTransform(codes, n);
        for (int i = 0; i < n * D; i++) {
            // the fitted plane is tilted by about NOISE / sqrt(N) ~ 2e-5 rad: at distance 14, 3e-4
            assertEquals(points[i], back[i], 1e-3, "value " + i);
        }
        // the codes are the coordinates in the plane, up to the sign of each basis row
        assertEquals(Math.hypot(10, 10), Math.hypot(codes[3 * 2], codes[3 * 2 + 1]), 1e-3);
        assertEquals(0, pca.transform(new float[0], 0).length);
    }

    @Test
    void reconstructionErrorIsTheSumOfTheDiscardedEigenvalues() {
        int n = 2000;
        float[] x = gaussianData(5, n);
        double[] all = Pca.fit(x, n, D, D).explainedVariance();
        for (int k = 1; k <= D; k++) {
            Pca pca = Pca.fit(x, n, D, k);
            float[] back = pca.inverseTransform(pca.transform(x, n), n);
            double squaredError = 0;
            for (int i = 0; i < n * D; i++) {
                double diff = x[i] - back[i];
                squaredError += diff * diff;
            }
            double meanSquaredError = squaredError / n;
            double discarded = sum(all, k, D);
            if (k < D) {
                assertEquals(discarded, meanSquaredError, 1e-3 * discarded, "k = " + k);
            } else {
                assertEquals(0, meanSquaredError, 1e-9, "all components");
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] x = gaussianData(1, 10);
        assertEquals("components must be in 1..d = 5, got 6",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, 10, D, 6)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, 10, D, 0));
        assertEquals("x has 50 values, expected n * d = 11 * 5 = 55",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, 11, D, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, 0, D, 2));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(null, 10, D, 2));
        float[] withNaN = x.clone();
        withNaN[7] = Float.NaN;
        assertEquals("x has a non-finite value NaN at row 1, column 2",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(withNaN, 10, D, 2)).getMessage());
        Pca pca = Pca.fit(x, 10, D, 2);
        assertThrows(IllegalArgumentException.class, () -> pca.transform(new float[7], 1));
        assertEquals("codes has 3 values, expected n * components = 2 * 2 = 4",
                assertThrows(IllegalArgumentException.class, () -> pca.inverseTransform(new float[3], 2))
                        .getMessage());
    }

    /** n points of N(0, S) in R^5 with S = R diag(9, 4, 1, 0.25, 0.04) R^T for a fixed rotation R. */
    private static float[] gaussianData(long seed, int n) {
        double[] std = {3, 2, 1, 0.5, 0.2};
        // an orthonormal basis of R^5 starting with u1, u2, completed by Gram-Schmidt over e_1..e_5
        double[][] basis = new double[D][];
        basis[0] = U1;
        basis[1] = U2;
        int count = 2;
        for (int e = 0; e < D && count < D; e++) {
            double[] unit = new double[D];
            unit[e] = 1;
            double[] rest = orthogonalComplement(basis, count, unit);
            double norm = Math.sqrt(dot(rest, rest));
            if (norm > 0.1) {
                for (int j = 0; j < D; j++) {
                    rest[j] /= norm;
                }
                basis[count++] = rest;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < D; c++) {
                double z = std[c] * random.nextGaussian();
                for (int j = 0; j < D; j++) {
                    x[i * D + j] += (float) (z * basis[c][j]);
                }
            }
        }
        return x;
    }

    /** v minus its projection on the first {@code count} (orthonormal) rows of basis. */
    private static double[] orthogonalComplement(double[][] basis, int count, double[] v) {
        double[] out = v.clone();
        for (int c = 0; c < count; c++) {
            double projection = dot(out, basis[c]);
            for (int j = 0; j < D; j++) {
                out[j] -= projection * basis[c][j];
            }
        }
        return out;
    }

    private static double totalVariance(float[] x, int n) {
        double total = 0;
        for (int j = 0; j < D; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * D + j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                double diff = x[i * D + j] - mean;
                total += diff * diff / n;
            }
        }
        return total;
    }

    private static double[] row(float[] w, int r) {
        double[] out = new double[D];
        for (int j = 0; j < D; j++) {
            out[j] = w[r * D + j];
        }
        return out;
    }

    private static double sum(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }

    private static void center(double[] v) {
        double mean = sum(v, 0, v.length) / v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
    }

    private static void scaleToUnitVariance(double[] v) {
        double std = Math.sqrt(dot(v, v) / v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] /= std;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
