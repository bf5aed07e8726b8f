package org.vae4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/** Small image files for tests, written with javax.imageio. */
final class ImageTestFiles {

    private ImageTestFiles() {
    }

    /** @return an 8-bit gray image whose pixels, row-major, are the values */
    static BufferedImage gray(int height, int width, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    /** @return an image of the given type whose pixels, row-major, are the (A)RGB ints */
    static BufferedImage argb(int type, int height, int width, int... argb) {
        BufferedImage image = new BufferedImage(width, height, type);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** Writes a 1x1 gray PNG of the value into folder/name (creating the folder) and returns its path. */
    static Path dot(Path folder, String name, int value) {
        return write(gray(1, 1, value), folder.resolve(name), "png");
    }

    /** Writes a 1x1 gray PNG for each entry: its value at its path below dir. */
    static void dots(Path dir, Map<String, Integer> valueByPath) {
        valueByPath.forEach((path, value) -> write(gray(1, 1, value), dir.resolve(path), "png"));
    }

    /** Writes the image in the format ("png", "jpg") to file, creating its folder, and returns file. */
    static Path write(BufferedImage image, Path file, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
