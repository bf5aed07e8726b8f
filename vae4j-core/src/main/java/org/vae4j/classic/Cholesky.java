package org.vae4j.classic;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky factor A = L L^T of a symmetric positive-definite matrix (EJML), with what the Gaussian
 * densities need from it: log |A| = 2 sum_i log L_ii and L^-1, so that
 * (x - mu)^T A^-1 (x - mu) = |L^-1 (x - mu)|^2.
 */
final class Cholesky {

    private final DMatrixRMaj lower;

    private Cholesky(DMatrixRMaj lower) {
        this.lower = lower;
    }

    /**
     * Factors {@code a} (left unchanged; only its lower triangle is read).
     *
     * @return the factor, or null when {@code a} is not numerically positive definite
     */
    static Cholesky tryFactor(DMatrixRMaj a) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.numRows, true);
        if (!chol.decompose(a.copy())) {
            return null;
        }
        DMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < l.numRows; i++) {
            if (!(l.get(i, i) > 0) || Double.isInfinite(l.get(i, i))) {
                return null;
            }
        }
        return new Cholesky(l);
    }

    /** L, lower triangular (a copy). */
    DMatrixRMaj lower() {
        return lower.copy();
    }

    /** log |A| = 2 sum_i log L_ii. */
    double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < lower.numRows; i++) {
            sum += Math.log(lower.get(i, i));
        }
        return 2 * sum;
    }

    /** L^-1, lower triangular. */
    DMatrixRMaj lowerInverse() {
        DMatrixRMaj inverse = lower.copy();
        TriangularSolver_DDRM.invertLower(inverse.data, inverse.numRows);
        zeroUpper(inverse);
        return inverse;
    }

    /** A^-1 = L^-T L^-1. */
    DMatrixRMaj inverse() {
        DMatrixRMaj li = lowerInverse();
        DMatrixRMaj inverse = new DMatrixRMaj(li.numRows, li.numRows);
        CommonOps_DDRM.multTransA(li, li, inverse);
        return inverse;
    }

    private static void zeroUpper(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                m.set(i, j, 0);
            }
        }
    }
}
