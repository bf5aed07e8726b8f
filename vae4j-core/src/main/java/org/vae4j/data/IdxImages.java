package org.vae4j.data;

import java.util.Objects;

/**
 * The contents of an IDX image file: n images of rows x cols unsigned-byte pixels, row-major.
 *
 * @param n number of images, at least 1
 * @param rows image height
 * @param cols image width
 * @param pixels n * rows * cols bytes, each an unsigned pixel value 0..255
 */
public record IdxImages(int n, int rows, int cols, byte[] pixels) {

    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    public IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if (n < 1 || rows < 1 || cols < 1 || (long) n * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not form " + n + " images of "
                    + rows + "x" + cols);
        }
    }

    /** @return the pixels scaled to [0, 1] as pixel / 255f */
    public float[] toUnitFloats() {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = UNIT[pixels[i] & 0xff];
        }
        return x;
    }

    /** @return these images as a dataset with pixels in [0, 1] and the given labels (nullable) */
    public Dataset toDataset(String name, int[] labels) {
        return Dataset.ofPixels(name, pixels, labels, n, rows, cols);
    }
}
