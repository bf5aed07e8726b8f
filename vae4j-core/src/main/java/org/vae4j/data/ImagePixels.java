package org.vae4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded image into an 8-bit {@link Picture}: gray images as 1 channel, all others as RGB, and
 * then as 1 channel when every pixel has r = g = b. Samples of other depths are scaled to 8 bits,
 * v8 = round(255 v / (2^bits - 1)) (for 16 bits, round(v / 257)); a transparent pixel is composited on
 * white, v8 = round(255 (c a + (1 - a))) with c and a the colour and the alpha in [0, 1], so a fully
 * transparent pixel is white (255) whatever its colour. Gray and sRGB samples (and palette entries) are
 * taken as they are stored; images in other colour spaces go through Java's conversion to sRGB.
 */
final class ImagePixels {

    private ImagePixels() {
    }

    /** @return the image's pixels in 8 bits, composited on white, gray when every pixel is */
    static Picture toPicture(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette).grayIfGray();
        }
        if (storesGrayOrRgb(model, raster)) {
            return fromSamples(raster, model).grayIfGray();
        }
        return fromArgb(image).grayIfGray();
    }

    /**
     * @return round(255 (s / maxS * a / maxA + 1 - a / maxA)), in integers: a sample s of [0, maxS] with
     *     alpha a of [0, maxA] composited on white and scaled to [0, 255]
     */
    static int level(int s, int maxS, int a, int maxA) {
        if (maxS == 255 && a == maxA) {
            return s;
        }
        long num = 255L * ((long) s * a + (long) maxS * (maxA - a));
        long den = (long) maxS * maxA;
        return (int) ((2 * num + den) / (2 * den));
    }

    /** Palette images, 1-, 2- and 4-bit gray among them: each index looked up in its palette. */
    private static Picture fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[] rgb = new byte[3 * size];
        for (int i = 0; i < size; i++) {
            int alpha = palette.getAlpha(i);
            rgb[3 * i] = (byte) level(palette.getRed(i), 255, alpha, 255);
            rgb[3 * i + 1] = (byte) level(palette.getGreen(i), 255, alpha, 255);
            rgb[3 * i + 2] = (byte) level(palette.getBlue(i), 255, alpha, 255);
        }
        int height = raster.getHeight();
        int width = raster.getWidth();
        byte[] values = new byte[3 * height * width];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, 3 * row[x], values, 3 * (y * width + x), 3);
            }
        }
        return new Picture(height, width, 3, values);
    }

    /** True for gray or sRGB samples of 1 to 16 bits, with or without a straight (not premultiplied) alpha. */
    private static boolean storesGrayOrRgb(ColorModel model, Raster raster) {
        if (!(model instanceof ComponentColorModel) || model.isAlphaPremultiplied()
                || raster.getNumBands() != model.getNumComponents()) {
            return false;
        }
        int type = model.getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) {
            return false;
        }
        ColorSpace space = model.getColorSpace();
        int colours = model.getNumColorComponents();
        return colours == 1 && space.getType() == ColorSpace.TYPE_GRAY || colours == 3 && space.isCS_sRGB();
    }

    /** Gray or RGB samples, maybe with alpha, as the raster stores them. */
    private static Picture fromSamples(Raster raster, ColorModel model) {
        int colours = model.getNumColorComponents();
        int bands = raster.getNumBands();
        int maxColour = (1 << model.getComponentSize(0)) - 1;
        int maxAlpha = model.hasAlpha() ? (1 << model.getComponentSize(colours)) - 1 : 1;
        int height = raster.getHeight();
        int width = raster.getWidth();
        byte[] values = new byte[colours * height * width];
        int[] row = new int[bands * width];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int alpha = model.hasAlpha() ? row[bands * x + colours] : 1;
                for (int k = 0; k < colours; k++) {
                    values[colours * (y * width + x) + k] = (byte) level(row[bands * x + k], maxColour, alpha,
                            maxAlpha);
                }
            }
        }
        return new Picture(height, width, colours, values);
    }

    /** Any other image, through Java's conversion to 8-bit sRGB with alpha. */
    private static Picture fromArgb(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] values = new byte[3 * height * width];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int alpha = argb >>> 24;
                int at = 3 * (y * width + x);
                values[at] = (byte) level(argb >> 16 & 0xff, 255, alpha, 255);
                values[at + 1] = (byte) level(argb >> 8 & 0xff, 255, alpha, 255);
                values[at + 2] = (byte) level(argb & 0xff, 255, alpha, 255);
            }
        }
        return new Picture(height, width, 3, values);
    }
}
