package org.vae4j.data;

import java.util.Arrays;
import java.util.Objects;
import org.vae4j.dist.RngStreams;
import org.vae4j.dist.Rng;

/**
 * n examples of dimension dim, row-major, values in [0, 1] (not re-checked here: the readers scale
 * and check them). Images have {@code height * width * channels == dim} (1 channel for gray, 3 for
 * colour), channels last: pixel (r, c) channel k is value {@code (r * width + c) * channels + k} of its
 * example, the layout of {@link org.vae4j.api.Images}; tabular data has height 1, width dim and 1
 * channel. The values are held either as floats or, for 8-bit images, as the raw pixels (value =
 * pixel / 255), four times smaller: full Fashion-MNIST is 47 MB instead of 188 MB. Arrays are shared,
 * not copied: treat them as read-only.
 */
public final class Dataset {

    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    private final String name;
    private final float[] x;
    private final byte[] pixels;
    private final int[] labels;
    private final int n;
    private final int dim;
    private final int height;
    private final int width;
    private final int channels;

    /**
     * Float values.
     *
     * @param name the data's name, e.g. "fashion-mnist" or "iris.csv"
     * @param x n * dim values; example i occupies [i * dim, (i + 1) * dim)
     * @param labels one non-negative class label per example, or null when the data is unlabelled
     * @param n number of examples, at least 1
     * @param dim values per example
     * @param height image height, 1 for tabular data
     * @param width image width, dim for tabular data
     */
    public Dataset(String name, float[] x, int[] labels, int n, int dim, int height, int width) {
        this(name, x, labels, n, dim, height, width, 1);
    }

    /**
     * Float values of images with channels, channels last.
     *
     * @param dim values per example, height * width * channels
     * @param channels 1 for gray, 3 for colour
     * @see #Dataset(String, float[], int[], int, int, int, int)
     */
    public Dataset(String name, float[] x, int[] labels, int n, int dim, int height, int width, int channels) {
        this(name, Objects.requireNonNull(x, "x"), null, labels, n, dim, height, width, channels);
    }

    private Dataset(String name, float[] x, byte[] pixels, int[] labels, int n, int dim, int height, int width,
            int channels) {
        Objects.requireNonNull(name, "name");
        if (n <= 0 || dim <= 0) {
            throw new IllegalArgumentException("need n > 0 and dim > 0, got n=" + n + ", dim=" + dim);
        }
        if (height <= 0 || width <= 0 || channels <= 0 || (long) height * width * channels != dim) {
            throw new IllegalArgumentException("height x width x channels = " + height + "x" + width + "x"
                    + channels + " does not match dim " + dim);
        }
        int length = x != null ? x.length : pixels.length;
        if ((long) n * dim != length) {
            throw new IllegalArgumentException("x has " + length + " values, expected n * dim = " + (long) n * dim);
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
        this.name = name;
        this.x = x;
        this.pixels = pixels;
        this.labels = labels;
        this.n = n;
        this.dim = dim;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** 8-bit gray images: value = pixel / 255, pixels row-major, n * height * width bytes. */
    public static Dataset ofPixels(String name, byte[] pixels, int[] labels, int n, int height, int width) {
        return ofPixels(name, pixels, labels, n, height, width, 1);
    }

    /**
     * 8-bit images with channels: value = pixel / 255, row-major and channels last, n * height * width *
     * channels bytes.
     */
    public static Dataset ofPixels(String name, byte[] pixels, int[] labels, int n, int height, int width,
            int channels) {
        return new Dataset(name, null, Objects.requireNonNull(pixels, "pixels"), labels, n,
                height * width * channels, height, width, channels);
    }

    /** Tabular data: height 1, width dim. */
    public static Dataset tabular(String name, float[] x, int[] labels, int n, int dim) {
        return new Dataset(name, x, labels, n, dim, 1, dim);
    }

    public String name() {
        return name;
    }

    /**
     * All n * dim values as floats: the shared array for float data, a new array for 8-bit data (use
     * {@link #pixels()} or {@link #copyValues} to avoid the copy).
     */
    public float[] x() {
        if (x != null) {
            return x;
        }
        float[] values = new float[pixels.length];
        copyValues(0, values, 0, values.length);
        return values;
    }

    /** The raw 8-bit pixels (value = pixel / 255), or null if the data is held as floats. */
    public byte[] pixels() {
        return pixels;
    }

    /** Copies {@code length} flat values starting at {@code from} into {@code dest[destPos..]}. */
    public void copyValues(int from, float[] dest, int destPos, int length) {
        if (x != null) {
            System.arraycopy(x, from, dest, destPos, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dest[destPos + i] = UNIT[pixels[from + i] & 0xff];
        }
    }

    public int[] labels() {
        return labels;
    }

    public int n() {
        return n;
    }

    public int dim() {
        return dim;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** @return values per pixel: 1 for gray images and tabular data, 3 for colour (RGB) */
    public int channels() {
        return channels;
    }

    /** @return true when every example has a class label */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return a copy of example i */
    public float[] row(int i) {
        Objects.checkIndex(i, n);
        float[] row = new float[dim];
        copyValues(i * dim, row, 0, dim);
        return row;
    }

    /** @return the first m examples (copied), 1 <= m <= n */
    public Dataset head(int m) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("head(" + m + ") of " + n + " examples");
        }
        int[] indices = new int[m];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }

    /**
     * {@code m} examples that stand for the whole set, in the data's order: for labelled data a stratified
     * sample (each class gets its share of m by largest remainders, its examples drawn at random), else a
     * random sample. The draws come from a fixed seed ({@link RngStreams#SUBSET}), so every command and
     * every run that asks for m examples of the same data gets the same ones. All of them when m >= n.
     */
    public Dataset stratifiedSubset(int m) {
        return m >= n ? this : subset(stratifiedIndices(m));
    }

    /** The indices of {@link #stratifiedSubset}, increasing (all of 0..n-1 when m >= n). */
    public int[] stratifiedIndices(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("a subset needs at least 1 example, got " + m);
        }
        if (m >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        Rng rng = Rng.forStream(RngStreams.SUBSET_SEED, RngStreams.SUBSET);
        int[] classOf = labels != null ? labels : new int[n];
        int classes = 0;
        for (int label : classOf) {
            classes = Math.max(classes, label + 1);
        }
        int[] counts = new int[classes];
        for (int label : classOf) {
            counts[label]++;
        }
        // the share of class c is m * n_c / n; its floor, then one more for the largest remainders
        int[] quota = new int[classes];
        Integer[] byRemainder = new Integer[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            quota[c] = (int) ((long) m * counts[c] / n);
            given += quota[c];
            byRemainder[c] = c;
        }
        java.util.Arrays.sort(byRemainder, (a, b) -> {
            long ra = (long) m * counts[a] % n;
            long rb = (long) m * counts[b] % n;
            return ra != rb ? Long.compare(rb, ra) : Integer.compare(a, b);
        });
        for (int i = 0; given < m; i++) {
            quota[byRemainder[i]]++;
            given++;
        }
        boolean[] chosen = new boolean[n];
        int[][] members = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            members[c] = new int[counts[c]];
        }
        for (int i = 0; i < n; i++) {
            members[classOf[i]][filled[classOf[i]]++] = i;
        }
        for (int c = 0; c < classes; c++) {
            int[] perm = rng.permutation(counts[c]);
            for (int j = 0; j < quota[c]; j++) {
                chosen[members[c][perm[j]]] = true;
            }
        }
        int[] indices = new int[m];
        for (int i = 0, k = 0; i < n; i++) {
            if (chosen[i]) {
                indices[k++] = i;
            }
        }
        return indices;
    }

    /** @return the examples at the given indices, in that order (copied; repeats allowed) */
    public Dataset subset(int[] indices) {
        int[] subLabels = labels == null ? null : new int[indices.length];
        float[] subX = x == null ? null : new float[indices.length * dim];
        byte[] subPixels = pixels == null ? null : new byte[indices.length * dim];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], n);
            if (subX != null) {
                System.arraycopy(x, i * dim, subX, k * dim, dim);
            } else {
                System.arraycopy(pixels, i * dim, subPixels, k * dim, dim);
            }
            if (subLabels != null) {
                subLabels[k] = labels[i];
            }
        }
        return new Dataset(name, subX, subPixels, subLabels, indices.length, dim, height, width, channels);
    }

    /**
     * One fixed binarization x_b ~ Bernoulli(x): 1 where u < x for u ~ U[0, 1) drawn in row-major order
     * from stream {@link RngStreams#BINARIZATION} of {@code seed}, else 0; held as 8-bit pixels 0 and 255.
     */
    public Dataset binarized(long seed) {
        Rng rng = Rng.forStream(seed, RngStreams.BINARIZATION);
        byte[] binary = new byte[n * dim];
        float[] row = new float[dim];
        for (int i = 0; i < n; i++) {
            copyValues(i * dim, row, 0, dim);
            for (int j = 0; j < dim; j++) {
                binary[i * dim + j] = rng.nextUniform() < row[j] ? (byte) 255 : 0;
            }
        }
        return new Dataset(name, null, binary, labels, n, dim, height, width, channels);
    }

    /** Equal names, shapes, labels and values (whatever the storage). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && n == d.n && dim == d.dim
                && height == d.height && width == d.width && channels == d.channels
                && Arrays.equals(labels, d.labels) && Arrays.equals(x(), d.x());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, n, dim, height, width, channels, Arrays.hashCode(labels), Arrays.hashCode(x()));
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", n=" + n + ", dim=" + dim + " (" + height + "x" + width
                + (channels == 1 ? "" : "x" + channels) + ")"
                + (hasLabels() ? ", labelled" : ", unlabelled") + "]";
    }
}
