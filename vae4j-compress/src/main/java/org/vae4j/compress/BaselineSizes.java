package org.vae4j.compress;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.vae4j.data.IdxImages;

/**
 * What general-purpose lossless compressors make of the same pixels, in bytes: gzip (level 9) and bzip2
 * (900k blocks) of the whole array of pixel levels (one byte per pixel; binary images packed 8 pixels per
 * byte, so these get no free factor of 8), and PNG (ImageIO) of each image on its own, summed (1-bit PNGs
 * for binary images, 8-bit gray otherwise).
 *
 * @param gzip bytes of the gzip stream
 * @param bzip2 bytes of the bzip2 stream
 * @param png total bytes of the PNG files
 */
public record BaselineSizes(long gzip, long bzip2, long png) {

    /** @param levels the images' pixel levels (2: binary images of bytes 0 and 255) */
    public static BaselineSizes of(IdxImages images, ByteLevels levels) {
        byte[] raw = levelBytes(images, levels);
        return new BaselineSizes(compressed(raw, GzipMax::new), compressed(raw, BZip2CompressorOutputStream::new),
                pngBytes(images, levels.levels() == 2));
    }

    /** The pixel levels as bytes; for 2 levels packed most significant bit first. */
    static byte[] levelBytes(IdxImages images, ByteLevels levels) {
        byte[] pixels = images.pixels();
        int dim = images.rows() * images.cols();
        if (levels.levels() != 2) {
            byte[] out = new byte[pixels.length];
            for (int i = 0; i < images.n(); i++) {
                int[] v = levels.levelsOf(pixels, i, dim);
                for (int d = 0; d < dim; d++) {
                    out[i * dim + d] = (byte) v[d];
                }
            }
            return out;
        }
        byte[] packed = new byte[(pixels.length + 7) / 8];
        for (int i = 0; i < images.n(); i++) {
            int[] v = levels.levelsOf(pixels, i, dim);
            for (int d = 0; d < dim; d++) {
                int k = i * dim + d;
                packed[k >> 3] |= (byte) (v[d] << (7 - (k & 7)));
            }
        }
        return packed;
    }

    private static long pngBytes(IdxImages images, boolean binary) {
        int h = images.rows();
        int w = images.cols();
        long total = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < images.n(); i++) {
            BufferedImage image = new BufferedImage(w, h, binary ? BufferedImage.TYPE_BYTE_BINARY
                    : BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int b = images.pixels()[(i * h + r) * w + c] & 0xff;
                    raster.setSample(c, r, 0, binary ? (b == 0 ? 0 : 1) : b);
                }
            }
            out.reset();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            total += out.size();
        }
        return total;
    }

    private interface StreamFactory {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static long compressed(byte[] raw, StreamFactory factory) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = factory.wrap(sink)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.size();
    }

    /** gzip at the best compression level. */
    private static final class GzipMax extends GZIPOutputStream {
        GzipMax(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
