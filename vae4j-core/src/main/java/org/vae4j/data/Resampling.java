package org.vae4j.data;

/**
 * Resizes a {@link Picture}, one axis after the other, each channel alone. An axis that shrinks is
 * area-averaged: output pixel o covers [o n / m, (o + 1) n / m) of the n input pixels and is the mean of
 * them weighted by how much of each it covers (what {@code Image.SCALE_AREA_AVERAGING} does). An axis
 * that grows is bilinear: output o samples the input at s = (o + 1/2) n / m - 1/2, clamped to [0, n - 1],
 * as (1 - t) in[floor(s)] + t in[floor(s) + 1] with t = s - floor(s) (pixel centres aligned, PyTorch's
 * {@code align_corners=False}). The result is rounded half up to 8 bits.
 */
final class Resampling {

    private Resampling() {
    }

    /** @return the picture at {@code size}; the same picture when it has that size */
    static Picture resize(Picture picture, ImageSize size) {
        int inHeight = picture.height();
        int inWidth = picture.width();
        if (inHeight == size.height() && inWidth == size.width()) {
            return picture;
        }
        int channels = picture.channels();
        int outWidth = size.width();
        Axis across = Axis.of(inWidth, outWidth);
        Axis down = Axis.of(inHeight, size.height());
        byte[] in = picture.values();
        double[] rows = new double[inHeight * outWidth * channels];
        for (int y = 0; y < inHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                double[] weights = across.weights[x];
                for (int k = 0; k < channels; k++) {
                    double sum = 0;
                    for (int j = 0; j < weights.length; j++) {
                        sum += weights[j] * (in[(y * inWidth + across.first[x] + j) * channels + k] & 0xff);
                    }
                    rows[(y * outWidth + x) * channels + k] = sum;
                }
            }
        }
        byte[] out = new byte[size.pixels() * channels];
        for (int y = 0; y < size.height(); y++) {
            double[] weights = down.weights[y];
            for (int x = 0; x < outWidth; x++) {
                for (int k = 0; k < channels; k++) {
                    double sum = 0;
                    for (int j = 0; j < weights.length; j++) {
                        sum += weights[j] * rows[((down.first[y] + j) * outWidth + x) * channels + k];
                    }
                    out[(y * outWidth + x) * channels + k] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
            }
        }
        return new Picture(size.height(), size.width(), channels, out);
    }

    /** One axis: output o = sum over j of weights[o][j] * input[first[o] + j]. */
    private record Axis(int[] first, double[][] weights) {

        static Axis of(int in, int out) {
            return out < in ? areaAverage(in, out) : bilinear(in, out);
        }

        /** Input i covers [i m, (i + 1) m) and output o covers [o n, (o + 1) n), in units of 1 / (n m). */
        private static Axis areaAverage(int in, int out) {
            int[] first = new int[out];
            double[][] weights = new double[out][];
            for (int o = 0; o < out; o++) {
                long from = (long) o * in;
                long to = (long) (o + 1) * in;
                int lo = (int) (from / out);
                int hi = (int) ((to + out - 1) / out);
                first[o] = lo;
                weights[o] = new double[hi - lo];
                for (int i = lo; i < hi; i++) {
                    long overlap = Math.min(to, (long) (i + 1) * out) - Math.max(from, (long) i * out);
                    weights[o][i - lo] = (double) overlap / in;
                }
            }
            return new Axis(first, weights);
        }

        /** Two taps, or one at the clamped ends and where in = out. */
        private static Axis bilinear(int in, int out) {
            int[] first = new int[out];
            double[][] weights = new double[out][];
            for (int o = 0; o < out; o++) {
                double s = Math.max(0, Math.min(in - 1, (o + 0.5) * in / out - 0.5));
                int lo = (int) Math.floor(s);
                double t = s - lo;
                first[o] = lo;
                weights[o] = t == 0 ? new double[] {1} : new double[] {1 - t, t};
            }
            return new Axis(first, weights);
        }
    }
}
