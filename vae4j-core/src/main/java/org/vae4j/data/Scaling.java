package org.vae4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-column min-max scaling fitted on a training split: v' = clamp((v - min) / (max - min), 0, 1),
 * with v' = 0 for a constant column (max == min). Saved with a model so its test data scales the same.
 *
 * @param min per-column minimum of the training data
 * @param max per-column maximum of the training data
 */
public record Scaling(float[] min, float[] max) {

    public Scaling {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException("min and max need the same, non-zero length: "
                    + min.length + " vs " + max.length);
        }
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] <= max[j])) {
                throw new IllegalArgumentException("column " + j + ": min " + min[j] + " > max " + max[j]);
            }
        }
    }

    /** @return the column-wise min and max of x, an n x dim row-major array (n >= 1) */
    public static Scaling fit(float[] x, int n, int dim) {
        checkShape(x, n, dim);
        float[] min = Arrays.copyOf(x, dim);
        float[] max = Arrays.copyOf(x, dim);
        for (int i = 1; i < n; i++) {
            int offset = i * dim;
            for (int j = 0; j < dim; j++) {
                float v = x[offset + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        return new Scaling(min, max);
    }

    /** @return the number of columns */
    public int dim() {
        return min.length;
    }

    /** Maps each value v of column j to clamp((v - min[j]) / (max[j] - min[j]), 0, 1); 0 when max[j] == min[j]. */
    public void applyInPlace(float[] x, int n, int dim) {
        checkShape(x, n, dim);
        if (dim != min.length) {
            throw new IllegalArgumentException("data has " + dim + " columns, scaling has " + min.length);
        }
        float[] invRange = new float[dim];
        for (int j = 0; j < dim; j++) {
            float range = max[j] - min[j];
            invRange[j] = range > 0 ? 1f / range : 0f;
        }
        for (int i = 0; i < n; i++) {
            int offset = i * dim;
            for (int j = 0; j < dim; j++) {
                float scaled = (x[offset + j] - min[j]) * invRange[j];
                x[offset + j] = Math.min(1f, Math.max(0f, scaled));
            }
        }
    }

    private static void checkShape(float[] x, int n, int dim) {
        if (n < 1 || dim < 1 || (long) n * dim != x.length) {
            throw new IllegalArgumentException(x.length + " values do not form " + n + " x " + dim);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && Arrays.equals(min, s.min) && Arrays.equals(max, s.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "Scaling[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
