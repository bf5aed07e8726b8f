package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Principal angles on cases with known answers. */
class SubspacesTest {

    /** span{e1, e2} against span{e1, cos t e2 + sin t e3}: angles 0 and t, for large and tiny t. */
    @Test
    void rotatedPlane() {
        for (double t : new double[] {1.2, 0.3, 1e-3, 1e-9}) {
            DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
            DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0}, {0, Math.cos(t)}, {0, Math.sin(t)}, {0, 0}});
            double[] angles = Subspaces.principalAngles(a, b);
            assertEquals(0, angles[0], 1e-15);
            // the sine branch keeps tiny angles: 1e-9 is found to 1e-15 relative
            assertEquals(t, angles[1], 1e-14 * Math.max(1, t / 1e-9), "t = " + t);
        }
    }

    /** The angles depend on the spaces, not on the bases: scaling and mixing the columns changes nothing. */
    @Test
    void invariantToTheChoiceOfBasis() {
        SplittableRandom random = new SplittableRandom(3);
        DMatrixRMaj a = random(random, 10, 3);
        DMatrixRMaj b = random(random, 10, 4);
        double[] angles = Subspaces.principalAngles(a, b);
        assertEquals(3, angles.length);
        DMatrixRMaj mixed = new DMatrixRMaj(10, 3);
        CommonOps_DDRM.mult(a, random(random, 3, 3), mixed);
        assertArrayEquals(angles, Subspaces.principalAngles(mixed, b), 1e-12);
        assertArrayEquals(angles, Subspaces.principalAngles(b, a), 1e-12);
        // a space inside another: all angles zero
        DMatrixRMaj inside = new DMatrixRMaj(10, 2);
        CommonOps_DDRM.mult(b, random(random, 4, 2), inside);
        assertArrayEquals(new double[] {0, 0}, Subspaces.principalAngles(inside, b), 1e-12);
        // orthogonal spaces: all angles 90 degrees
        DMatrixRMaj e12 = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        DMatrixRMaj e34 = new DMatrixRMaj(new double[][] {{0, 0}, {0, 0}, {2, 1}, {0, 3}});
        assertArrayEquals(new double[] {90, 90}, Subspaces.principalAnglesDegrees(e12, e34), 1e-12);
    }

    @Test
    void badArguments() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}, {3, 6}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1}, {0}, {0}});
        assertThrows(IllegalArgumentException.class, () -> Subspaces.principalAngles(a, b));
        assertThrows(IllegalArgumentException.class, () -> Subspaces.principalAngles(b, new DMatrixRMaj(2, 1)));
    }

    private static DMatrixRMaj random(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }
}
