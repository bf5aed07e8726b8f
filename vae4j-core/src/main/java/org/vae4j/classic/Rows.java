package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/** Blocks of rows of a row-major float matrix as NDArrays, so large inputs are processed in pieces. */
final class Rows {

    /** About 4M values (16 MB of floats) per block. */
    static final long BLOCK_VALUES = 1L << 22;

    private Rows() {
    }

    /** The number of rows per block for rows of {@code width} values: at least 1. */
    static int blockRows(long width) {
        return (int) Math.max(1, BLOCK_VALUES / Math.max(1, width));
    }

    /** Rows from..to-1 of x (rows of d values) as a float32 [to - from, d] array in {@code manager}. */
    static NDArray block(NDManager manager, float[] x, int d, int from, int to) {
        return manager.create(FloatBuffer.wrap(x, from * d, (to - from) * d).slice(), new Shape(to - from, d),
                DataType.FLOAT32);
    }

    /** Column sums of x (n rows of d values), accumulated in float64. */
    static double[] columnSums(NDManager manager, float[] x, int n, int d) {
        double[] sums = new double[d];
        int step = blockRows(d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                double[] part = block(sub, x, d, from, to).toType(DataType.FLOAT64, false).sum(new int[] {0})
                        .toDoubleArray();
                for (int j = 0; j < d; j++) {
                    sums[j] += part[j];
                }
            }
        }
        return sums;
    }

    /** Column sums of squared deviations sum_i (x_ij - mean_j)^2, accumulated in float64. */
    static double[] columnSquaredDeviations(NDManager manager, float[] x, int n, int d, double[] mean) {
        double[] sums = new double[d];
        int step = blockRows(d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray meanRow = sub.create(mean, new Shape(1, d));
                double[] part = block(sub, x, d, from, to).toType(DataType.FLOAT64, false).subi(meanRow).square()
                        .sum(new int[] {0}).toDoubleArray();
                for (int j = 0; j < d; j++) {
                    sums[j] += part[j];
                }
            }
        }
        return sums;
    }
}
