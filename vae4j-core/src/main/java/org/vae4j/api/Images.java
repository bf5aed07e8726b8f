package org.vae4j.api;

import java.util.Arrays;

/**
 * n images (or feature vectors) of height x width x channels values each, row-major, channels last:
 * decoder means E[x|z] in the data's [0, 1] scale, or inputs as a model sees them.
 *
 * @param values n * height * width * channels values
 */
public record Images(int n, int height, int width, int channels, float[] values) {

    public Images {
        if (n < 0 || height < 1 || width < 1 || channels < 1
                || (long) n * height * width * channels != values.length) {
            throw new IllegalArgumentException(values.length + " values do not make " + n + " images of " + height
                    + "x" + width + "x" + channels);
        }
    }

    /** The values per image, D = height * width * channels. */
    public int dim() {
        return height * width * channels;
    }

    /** A copy of image i. */
    public float[] image(int i) {
        return Arrays.copyOfRange(values, i * dim(), (i + 1) * dim());
    }
}
