package org.vae4j.classic;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Principal angles between subspaces (Bjorck and Golub, Numerical methods for computing angles between
 * linear subspaces, Math. Comp. 27, 1973): with orthonormal bases Q_A, Q_B from QR, the cosines of the
 * angles are the singular values of Q_A^T Q_B. Small angles are taken from their sines instead, the
 * singular values of Q_B - Q_A Q_A^T Q_B, which keeps them accurate below 1e-8 rad (Knyazev and
 * Argentati, SIAM J. Sci. Comput. 23, 2002). All in EJML, float64.
 */
public final class Subspaces {

    private Subspaces() {
    }

    /**
     * The principal angles between the column spaces of a [d, p] and b [d, r], in radians, ascending:
     * min(p, r) of them, each in [0, pi/2]. 0 everywhere means one space contains the other.
     *
     * @throws IllegalArgumentException when the row counts differ or a matrix has dependent columns
     */
    public static double[] principalAngles(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException("the subspaces live in " + a.numRows + " and " + b.numRows
                    + " dimensions");
        }
        DMatrixRMaj qa = orthonormalBasis(a, "the first matrix");
        DMatrixRMaj qb = orthonormalBasis(b, "the second matrix");
        if (qa.numCols < qb.numCols) {
            DMatrixRMaj t = qa;
            qa = qb;
            qb = t;
        }
        int k = qb.numCols;
        DMatrixRMaj cosines = new DMatrixRMaj(qa.numCols, k);
        CommonOps_DDRM.multTransA(qa, qb, cosines);
        double[] cos = descending(SingularOps_DDRM.singularValues(cosines), k);
        // the part of Q_B outside span(Q_A): Q_B - Q_A (Q_A^T Q_B); its singular values are the sines
        DMatrixRMaj residual = qb.copy();
        CommonOps_DDRM.multAdd(-1, qa, cosines, residual);
        double[] sin = descending(SingularOps_DDRM.singularValues(residual), k);
        double[] angles = new double[k];
        for (int i = 0; i < k; i++) {
            // the i-th smallest angle has the i-th largest cosine and the i-th smallest sine
            double c = Math.min(1, cos[i]);
            double s = Math.min(1, sin[k - 1 - i]);
            angles[i] = c * c < 0.5 ? Math.acos(c) : Math.asin(s);
        }
        Arrays.sort(angles);
        return angles;
    }

    /** The same angles in degrees. */
    public static double[] principalAnglesDegrees(DMatrixRMaj a, DMatrixRMaj b) {
        return Arrays.stream(principalAngles(a, b)).map(Math::toDegrees).toArray();
    }

    /** A [rows, cols] matrix from row-major floats. */
    public static DMatrixRMaj matrix(float[] values, int rows, int cols) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " matrix");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.data[i] = values[i];
        }
        return m;
    }

    /** Q of the thin QR decomposition a = Q R: orthonormal columns spanning a's columns. */
    private static DMatrixRMaj orthonormalBasis(DMatrixRMaj a, String name) {
        if (a.numCols < 1 || a.numCols > a.numRows) {
            throw new IllegalArgumentException(name + " has " + a.numCols + " columns; a basis of a subspace of "
                    + a.numRows + " dimensions needs 1.." + a.numRows);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        if (!qr.decompose(a.copy())) {
            throw new IllegalArgumentException("the QR decomposition of " + name + " failed");
        }
        DMatrixRMaj r = qr.getR(null, true);
        double largest = 0;
        for (int i = 0; i < r.numCols; i++) {
            largest = Math.max(largest, Math.abs(r.get(i, i)));
        }
        for (int i = 0; i < r.numCols; i++) {
            if (!(Math.abs(r.get(i, i)) > 1e-12 * largest)) {
                throw new IllegalArgumentException(name + "'s columns are linearly dependent");
            }
        }
        return qr.getQ(null, true);
    }

    private static double[] descending(double[] values, int k) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = i < sorted.length ? sorted[sorted.length - 1 - i] : 0;
        }
        return out;
    }
}
