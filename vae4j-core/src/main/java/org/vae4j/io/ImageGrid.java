package org.vae4j.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * A grid of images, each given as height x width x channels values in [0, 1] (clamped), channels last:
 * gray for 1 channel (0 drawn black), colour for 3 (red, green, blue). Each value becomes a block of
 * scale x scale pixels; cells are separated by a gap; a NaN image (all values NaN) leaves its cell empty.
 */
public final class ImageGrid {

    private static final int GAP = 2;
    private static final int GAP_GRAY = 96;

    private final int height;
    private final int width;
    private final int channels;
    private final int scale;

    /** Gray images, scaled so each is drawn at least about 56 pixels tall or wide. */
    public ImageGrid(int height, int width) {
        this(height, width, 1);
    }

    /** Gray (1 channel) or colour (3 channels) images, scaled so each is drawn about 56 pixels or more. */
    public ImageGrid(int height, int width, int channels) {
        this(height, width, channels, Math.max(1, 56 / Math.max(height, width)));
    }

    public ImageGrid(int height, int width, int channels, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images of 1 (gray) or 3 (colour) channels, not " + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.scale = scale;
    }

    /** The drawn side of one cell: the image's width times the scale. */
    public int cellWidth() {
        return width * scale;
    }

    /**
     * Lays out {@code images} (n * height * width * channels values, row-major, channels last) in rows of
     * {@code columns}.
     */
    public BufferedImage render(float[] images, int columns) {
        int dim = height * width * channels;
        int n = images.length / dim;
        int rows = (n + columns - 1) / columns;
        int cellW = width * scale;
        int cellH = height * scale;
        BufferedImage image = new BufferedImage(columns * (cellW + GAP) + GAP, rows * (cellH + GAP) + GAP,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int b = 0; b < bands; b++) {
                    raster.setSample(x, y, b, GAP_GRAY);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % columns) * (cellW + GAP);
            int y0 = GAP + (i / columns) * (cellH + GAP);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int at = i * dim + (r * width + c) * channels;
                    for (int b = 0; b < channels; b++) {
                        int level = toByte(images[at + b]);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                raster.setSample(x0 + c * scale + dx, y0 + r * scale + dy, b, level);
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    /** One image at its own size (scale 1, no gap): what the web explorer sends. */
    public static BufferedImage single(float[] values, int height, int width, int channels) {
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                for (int b = 0; b < channels; b++) {
                    raster.setSample(c, r, b, toByte(values[(r * width + c) * channels + b]));
                }
            }
        }
        return image;
    }

    /** The 8-bit level of a value: round(255 * clamp(v, 0, 1)); NaN draws as 0. */
    public static int toByte(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255f);
    }
}
