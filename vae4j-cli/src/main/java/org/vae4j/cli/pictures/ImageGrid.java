package org.vae4j.cli.pictures;

import java.awt.image.BufferedImage;

/**
 * A grid of grayscale images, each given as height x width values in [0, 1] (clamped), 0 drawn
 * black. Each value becomes a block of scale x scale pixels; cells are separated by a gap.
 */
public final class ImageGrid {

    private static final int GAP = 2;
    private static final int GAP_GRAY = 96;

    private final int height;
    private final int width;
    private final int scale;

    /** Picks a scale so each image is drawn at least about 56 pixels tall or wide. */
    public ImageGrid(int height, int width) {
        this(height, width, Math.max(1, 56 / Math.max(height, width)));
    }

    public ImageGrid(int height, int width, int scale) {
        this.height = height;
        this.width = width;
        this.scale = scale;
    }

    /**
     * Lays out {@code images} (n * height * width values, row-major) in rows of {@code columns}.
     */
    public BufferedImage render(float[] images, int columns) {
        int dim = height * width;
        int n = images.length / dim;
        int rows = (n + columns - 1) / columns;
        int cellW = width * scale;
        int cellH = height * scale;
        BufferedImage image = new BufferedImage(columns * (cellW + GAP) + GAP, rows * (cellH + GAP) + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        var raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.setSample(x, y, 0, GAP_GRAY);
            }
        }
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % columns) * (cellW + GAP);
            int y0 = GAP + (i / columns) * (cellH + GAP);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int gray = toByte(images[i * dim + r * width + c]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(x0 + c * scale + dx, y0 + r * scale + dy, 0, gray);
                        }
                    }
                }
            }
        }
        return image;
    }

    /** The gray level of a value: round(255 * clamp(v, 0, 1)); NaN draws as 0. */
    public static int toByte(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255f);
    }
}
