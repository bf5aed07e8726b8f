package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

/** Each kind of PNG (and a JPEG) written by javax.imageio comes back with its pixel values. */
class ImagePixelsTest {

    @TempDir
    Path tmp;

    @Test
    void grayPngIsExactAndOneChannel() {
        Path file = ImageTestFiles.write(ImageTestFiles.gray(2, 3, 0, 1, 127, 128, 254, 255), tmp.resolve("g.png"),
                "png");
        Picture picture = read(file);
        assertEquals(1, picture.channels());
        assertEquals(new ImageSize(2, 3), picture.size());
        assertArrayEquals(bytes(0, 1, 127, 128, 254, 255), picture.values());
    }

    @Test
    void rgbPngIsExactChannelsLast() {
        BufferedImage image = ImageTestFiles.argb(BufferedImage.TYPE_INT_RGB, 1, 2, 0x0a141e, 0xfe0080);
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("c.png"), "png"));
        assertEquals(3, picture.channels());
        assertArrayEquals(bytes(10, 20, 30, 254, 0, 128), picture.values());
    }

    @Test
    void grayPixelsInAnRgbPngMakeOneChannel() {
        BufferedImage image = ImageTestFiles.argb(BufferedImage.TYPE_INT_RGB, 1, 3, 0x000000, 0x7f7f7f, 0xffffff);
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("rgb-gray.png"), "png"));
        assertEquals(1, picture.channels());
        assertArrayEquals(bytes(0, 127, 255), picture.values());
    }

    @Test
    void rgbaIsCompositedOnWhite() {
        // opaque, fully transparent black, half-transparent black, half-transparent (200, 0, 100)
        BufferedImage image = ImageTestFiles.argb(BufferedImage.TYPE_INT_ARGB, 1, 4,
                0xff102030, 0x00000000, 0x80000000, 0x80c80064);
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("a.png"), "png"));
        assertEquals(3, picture.channels());
        // a = 128: c a / 255 + 255 - a = 127 for c = 0; 200 * 128 / 255 + 127 = 227.4; 100 * 128 / 255 + 127 = 177.2
        assertArrayEquals(bytes(16, 32, 48, 255, 255, 255, 127, 127, 127, 227, 127, 177), picture.values());
    }

    @Test
    void paletteColoursAreLookedUp() throws IOException {
        byte[] red = bytes(0, 255, 10, 40, 0);
        byte[] green = bytes(0, 0, 20, 40, 0);
        byte[] blue = bytes(0, 0, 30, 40, 0);
        byte[] alpha = bytes(255, 255, 255, 255, 0);
        IndexColorModel palette = new IndexColorModel(8, 5, red, green, blue, alpha);
        BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setPixels(0, 0, 5, 1, new int[] {3, 2, 1, 0, 4});
        Path file = ImageTestFiles.write(image, tmp.resolve("p.png"), "png");
        assertTrue(ImageIO.read(file.toFile()).getColorModel() instanceof IndexColorModel, "written as a palette");
        Picture picture = read(file);
        assertEquals(3, picture.channels());
        // the last entry is transparent black: white on white
        assertArrayEquals(bytes(40, 40, 40, 10, 20, 30, 255, 0, 0, 0, 0, 0, 255, 255, 255), picture.values());
    }

    @Test
    void oneBitPngIsBlackAndWhite() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setPixels(0, 0, 3, 1, new int[] {1, 0, 1});
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("1bit.png"), "png"));
        assertEquals(1, picture.channels());
        assertArrayEquals(bytes(255, 0, 255), picture.values());
    }

    @Test
    void sixteenBitGrayIsRoundedToEightBits() {
        BufferedImage image = new BufferedImage(6, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 6, 1, new int[] {0, 128, 129, 12345, 25700, 65535});
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("16.png"), "png"));
        assertEquals(1, picture.channels());
        // round(v / 257): 0, 0.498, 0.502, 48.03, 100, 255
        assertArrayEquals(bytes(0, 0, 1, 48, 100, 255), picture.values());
    }

    @Test
    void sixteenBitRgbaIsCompositedThenRounded() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {65535, 0, 32896, 65535, 0, 0, 0, 0, 0, 0, 0, 32768});
        BufferedImage image = new BufferedImage(model, raster, false, null);
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("rgba16.png"), "png"));
        assertEquals(3, picture.channels());
        // opaque (65535, 0, 32896) / 257; transparent: white; black at alpha 32768: 255 (1 - 32768 / 65535) = 127.498
        assertArrayEquals(bytes(255, 0, 128, 255, 255, 255, 127, 127, 127), picture.values());
    }

    @Test
    void jpegComesBackWithinItsLoss() {
        // one flat colour: JPEG's loss is then only rounding through YCbCr (an edge would ring)
        int[] argb = new int[16 * 16];
        Arrays.fill(argb, 0xc83264);
        BufferedImage image = ImageTestFiles.argb(BufferedImage.TYPE_3BYTE_BGR, 16, 16, argb);
        Picture picture = read(ImageTestFiles.write(image, tmp.resolve("c.JPG"), "jpg"));
        assertEquals(3, picture.channels());
        assertEquals(new ImageSize(16, 16), picture.size());
        int[] expected = {200, 50, 100};
        for (int p = 0; p < 16 * 16; p++) {
            for (int k = 0; k < 3; k++) {
                int got = picture.values()[3 * p + k] & 0xff;
                assertTrue(Math.abs(got - expected[k]) <= 3, "pixel " + p + " channel " + k + ": " + got);
            }
        }
        Path grayJpeg = ImageTestFiles.write(ImageTestFiles.gray(1, 2, 100, 100), tmp.resolve("g.jpeg"), "jpg");
        assertEquals(1, read(grayJpeg).channels());
    }

    @Test
    void notAnImageNamesTheFile() throws IOException {
        Path fake = Files.writeString(tmp.resolve("fake.png"), "label,x\n1,2\n");
        InputException e = assertThrows(InputException.class, () -> read(fake));
        assertTrue(e.getMessage().startsWith(fake + ": not an image"), e.getMessage());

        byte[] png = Files.readAllBytes(ImageTestFiles.write(ImageTestFiles.gray(2, 2, 1, 2, 3, 4),
                tmp.resolve("whole.png"), "png"));
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        e = assertThrows(InputException.class, () -> read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": not a readable image: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());

        Path missing = tmp.resolve("missing.png");
        assertEquals(missing + ": no such file",
                assertThrows(InputException.class, () -> read(missing)).getMessage());
    }

    @Test
    void levelIsRoundedCompositing() {
        assertEquals(37, ImagePixels.level(37, 255, 255, 255));
        assertEquals(255, ImagePixels.level(0, 255, 0, 255));
        assertEquals(100, ImagePixels.level(25700, 65535, 65535, 65535));
        assertEquals(255, ImagePixels.level(0, 65535, 0, 65535));
        assertEquals(1, ImagePixels.level(1, 1, 0, 1) / 255);
    }

    private static Picture read(Path file) {
        try (ImageDecoder decoder = new ImageDecoder()) {
            return decoder.read(file);
        }
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
