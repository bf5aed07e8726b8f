package org.vae4j.nn;

import java.util.List;

/**
 * The spatial sizes of a stack of stride-2 convolutions (kernel 4, padding 1) over an H x W image and of
 * its mirror of transposed convolutions. Each convolution maps a side s to floor(s / 2); each transposed
 * convolution maps s to 2 s + p with an output padding p in {0, 1} chosen so the decoder retraces the
 * encoder's sizes exactly, whatever H and W (odd, non-square), with no padding or cropping of the image.
 *
 * @param heights the heights before the first convolution and after each one (layers + 1 values)
 * @param widths the widths likewise
 */
public record ConvGeometry(int[] heights, int[] widths) {

    /** Kernel side of every convolution. */
    public static final int KERNEL = 4;
    /** Stride of every convolution. */
    public static final int STRIDE = 2;
    /** Zero padding on each side. */
    public static final int PADDING = 1;

    /** The sizes for {@code layers} convolutions over an H x W image; every side must stay at least 1. */
    public static ConvGeometry of(int height, int width, int layers) {
        int[] h = new int[layers + 1];
        int[] w = new int[layers + 1];
        h[0] = height;
        w[0] = width;
        for (int l = 1; l <= layers; l++) {
            h[l] = side(h[l - 1]);
            w[l] = side(w[l - 1]);
            if (h[l] < 1 || w[l] < 1) {
                throw new IllegalArgumentException(height + "x" + width + " images are too small for " + layers
                        + " stride-2 convolutions (at least " + (1 << layers) + " pixels a side)");
            }
        }
        return new ConvGeometry(h, w);
    }

    /** floor((s + 2 p - k) / stride) + 1 = floor(s / 2) for k = 4, p = 1, stride 2. */
    static int side(int s) {
        return Math.floorDiv(s + 2 * PADDING - KERNEL, STRIDE) + 1;
    }

    /** The number of convolutions. */
    public int layers() {
        return heights.length - 1;
    }

    /** The output padding of the transposed convolution that maps level l + 1 back to level l. */
    public int[] outputPadding(int level) {
        return new int[] {heights[level] - 2 * heights[level + 1], widths[level] - 2 * widths[level + 1]};
    }

    /** The smallest feature map, at the bottom of the stack. */
    public int innerHeight() {
        return heights[layers()];
    }

    public int innerWidth() {
        return widths[layers()];
    }

    /** Values in the feature map at the bottom: channels x h x w. */
    public int innerSize(List<Integer> channels) {
        return channels.get(channels.size() - 1) * innerHeight() * innerWidth();
    }
}
