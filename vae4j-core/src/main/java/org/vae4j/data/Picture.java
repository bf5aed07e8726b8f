package org.vae4j.data;

/**
 * One image as 8-bit values, row-major and channels last: pixel (r, c) channel k at
 * {@code (r * width + c) * channels + k}; 1 channel for gray, 3 for RGB.
 *
 * @param height rows
 * @param width columns
 * @param channels 1 or 3
 * @param values height * width * channels unsigned bytes
 */
record Picture(int height, int width, int channels, byte[] values) {

    Picture {
        if (channels != 1 && channels != 3 || (long) height * width * channels != values.length) {
            throw new IllegalArgumentException(values.length + " values do not make a " + height + "x" + width
                    + "x" + channels + " picture");
        }
    }

    /** @return the size, height x width */
    ImageSize size() {
        return new ImageSize(height, width);
    }

    /** @return this picture with 1 channel when every pixel has r = g = b, else this picture */
    Picture grayIfGray() {
        if (channels == 1) {
            return this;
        }
        int pixels = height * width;
        for (int p = 0; p < pixels; p++) {
            byte r = values[3 * p];
            if (values[3 * p + 1] != r || values[3 * p + 2] != r) {
                return this;
            }
        }
        byte[] gray = new byte[pixels];
        for (int p = 0; p < pixels; p++) {
            gray[p] = values[3 * p];
        }
        return new Picture(height, width, 1, gray);
    }

    /** Copies the values into {@code dest[at..]} with {@code toChannels} channels (1 to 3 repeats gray). */
    void copyTo(byte[] dest, int at, int toChannels) {
        if (toChannels == channels) {
            System.arraycopy(values, 0, dest, at, values.length);
            return;
        }
        if (channels != 1 || toChannels != 3) {
            throw new IllegalArgumentException("cannot copy " + channels + " channels as " + toChannels);
        }
        for (int p = 0; p < values.length; p++) {
            dest[at + 3 * p] = values[p];
            dest[at + 3 * p + 1] = values[p];
            dest[at + 3 * p + 2] = values[p];
        }
    }
}
