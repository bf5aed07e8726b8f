package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.DoubleBuffer;

/**
 * n rows of a row-major float matrix, served in float64 blocks with a fixed row subtracted (usually the
 * training mean, which keeps the rounding of squared distances and scatter matrices small).
 */
final class CentredRows {

    private final float[] x;
    private final int n;
    private final int dim;
    private final double[] shift;

    CentredRows(float[] x, int n, int dim, double[] shift) {
        this.x = x;
        this.n = n;
        this.dim = dim;
        this.shift = shift;
    }

    /** Rows centred on their own column means (accumulated in float64). */
    static CentredRows onMean(NDManager manager, float[] x, int n, int dim) {
        double[] mean = Rows.columnSums(manager, x, n, dim);
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        return new CentredRows(x, n, dim, mean);
    }

    int n() {
        return n;
    }

    int dim() {
        return dim;
    }

    /** The subtracted row (a copy). */
    double[] shift() {
        return shift.clone();
    }

    /** Rows from..to-1, minus the shift: float64 [to - from, d] in {@code manager}. */
    NDArray block(NDManager manager, int from, int to) {
        return Rows.block(manager, x, dim, from, to).toType(DataType.FLOAT64, false)
                .subi(manager.create(shift, new Shape(1, dim)));
    }

    /** Rows from..to-1 of a row-major double matrix of {@code width} columns: float64 in {@code manager}. */
    static NDArray block(NDManager manager, double[] values, int width, int from, int to) {
        return manager.create(DoubleBuffer.wrap(values, from * width, (to - from) * width).slice(),
                new Shape(to - from, width), DataType.FLOAT64);
    }
}
