package org.vae4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * n examples of dimension dim, row-major in one float array, values in [0, 1] (not re-checked here:
 * the readers scale and check them). Images have {@code height * width == dim}; tabular data has
 * height 1 and width dim. The arrays are shared, not copied: treat them as read-only.
 *
 * @param name the data's name, e.g. "fashion-mnist" or "iris.csv"
 * @param x n * dim values; example i occupies [i * dim, (i + 1) * dim)
 * @param labels one non-negative class label per example, or null when the data is unlabelled
 * @param n number of examples, at least 1
 * @param dim values per example
 * @param height image height, 1 for tabular data
 * @param width image width, dim for tabular data
 */
public record Dataset(String name, float[] x, int[] labels, int n, int dim, int height, int width) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        if (n <= 0 || dim <= 0) {
            throw new IllegalArgumentException("need n > 0 and dim > 0, got n=" + n + ", dim=" + dim);
        }
        if (height <= 0 || width <= 0 || (long) height * width != dim) {
            throw new IllegalArgumentException(
                    "height x width = " + height + "x" + width + " does not match dim " + dim);
        }
        if ((long) n * dim != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected n * dim = " + (long) n * dim);
        }
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException("labels has " + labels.length + " entries, expected n = " + n);
            }
            for (int label : labels) {
                if (label < 0) {
                    throw new IllegalArgumentException("negative label " + label);
                }
            }
        }
    }

    /** Tabular data: height 1, width dim. */
    public static Dataset tabular(String name, float[] x, int[] labels, int n, int dim) {
        return new Dataset(name, x, labels, n, dim, 1, dim);
    }

    /** @return true when every example has a class label */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return a copy of example i */
    public float[] row(int i) {
        Objects.checkIndex(i, n);
        return Arrays.copyOfRange(x, i * dim, (i + 1) * dim);
    }

    /** @return the first m examples (copied), 1 <= m <= n */
    public Dataset head(int m) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("head(" + m + ") of " + n + " examples");
        }
        int[] headLabels = labels == null ? null : Arrays.copyOf(labels, m);
        return new Dataset(name, Arrays.copyOf(x, m * dim), headLabels, m, dim, height, width);
    }

    /** @return the examples at the given indices, in that order (copied; repeats allowed) */
    public Dataset subset(int[] indices) {
        float[] subX = new float[indices.length * dim];
        int[] subLabels = labels == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], n);
            System.arraycopy(x, i * dim, subX, k * dim, dim);
            if (subLabels != null) {
                subLabels[k] = labels[i];
            }
        }
        return new Dataset(name, subX, subLabels, indices.length, dim, height, width);
    }

    /** Same data under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, x, labels, n, dim, height, width);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && n == d.n && dim == d.dim
                && height == d.height && width == d.width
                && Arrays.equals(labels, d.labels) && Arrays.equals(x, d.x);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, n, dim, height, width, Arrays.hashCode(labels), Arrays.hashCode(x));
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", n=" + n + ", dim=" + dim + " (" + height + "x" + width + ")"
                + (hasLabels() ? ", labelled" : ", unlabelled") + "]";
    }
}
