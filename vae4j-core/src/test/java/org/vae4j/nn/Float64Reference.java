package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Compares float32 results with float64 ones, where libtorch is right, array by array. */
final class Float64Reference {

    private Float64Reference() {
    }

    /** Each float32 array within 1e-5 of its float64 one, relative to the largest float64 value (at least 1). */
    static void assertNear(String[] names, double[][] single, double[][] exact) {
        for (int a = 0; a < names.length; a++) {
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < exact[a].length; i++) {
                scale = Math.max(scale, Math.abs(exact[a][i]));
                diff = Math.max(diff, Math.abs(single[a][i] - exact[a][i])); // NaN fails the check below
            }
            assertTrue(diff <= 1e-5 * Math.max(1, scale), names[a] + " off by " + diff + " of " + scale);
        }
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
