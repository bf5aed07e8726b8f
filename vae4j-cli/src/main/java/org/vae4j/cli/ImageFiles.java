package org.vae4j.cli;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.Png;
import org.vae4j.data.IdxImages;
import org.vae4j.data.IdxReader;
import org.vae4j.error.InputException;

/**
 * Images as the compression commands read and write them: an IDX image file (idx3-ubyte, plain or gzip)
 * or a folder of 8-bit gray PNGs (1-bit PNGs read as 0 and 255), taken in file-name order.
 */
final class ImageFiles {

    private ImageFiles() {
    }

    /** The images of an IDX file, or of the PNG files in a folder. */
    static IdxImages read(Path path) {
        if (!Files.exists(path)) {
            throw InputException.of(path, "no such file or folder");
        }
        return Files.isDirectory(path) ? readPngs(path) : IdxReader.readImages(path);
    }

    /** Writes an IDX image file atomically, gzip-compressed if its name ends with .gz. */
    static void writeIdx(Path file, IdxImages images) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFile.write(file, raw -> {
            OutputStream sink = gzip ? new GZIPOutputStream(raw) : raw;
            DataOutputStream out = new DataOutputStream(sink);
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(images.n());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
            out.flush();
            if (sink instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /**
     * Checks before any work that a folder of PNGs can be written at {@code dir}: it does not exist yet or
     * is empty (left-over images would join the set when it is read back).
     */
    static void requirePngFolder(Path dir) {
        Workspace.requireFolder(dir);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> listing = Files.list(dir)) {
                if (listing.findAny().isPresent()) {
                    throw InputException.of(dir, "is not empty; write PNGs to a new or empty folder");
                }
            } catch (IOException e) {
                throw InputException.of(dir, "cannot list: " + e.getMessage());
            }
        }
    }

    /**
     * Writes 00000.png, 00001.png, ... (8-bit gray) as one set: into a temporary folder beside
     * {@code dir}, renamed to it when every image is written ({@code dir} must not exist or be empty).
     */
    static void writePngs(Path dir, IdxImages images) {
        requirePngFolder(dir);
        Path target = dir.toAbsolutePath();
        int h = images.rows();
        int w = images.cols();
        int digits = Math.max(5, String.valueOf(images.n() - 1).length());
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName());
            for (int i = 0; i < images.n(); i++) {
                BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                WritableRaster raster = image.getRaster();
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        raster.setSample(c, r, 0, images.pixels()[(i * h + r) * w + c] & 0xff);
                    }
                }
                Png.write(image, tmp.resolve(String.format("%0" + digits + "d.png", i)));
            }
            Files.deleteIfExists(target);     // an empty folder
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw InputException.of(dir, "cannot write: " + e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a hidden temporary folder is left behind
        }
    }

    /**
     * The gray level of each palette index of a 1-bit PNG: its samples are indices into the palette, which
     * must hold black and white only (in either order).
     */
    private static int[] blackAndWhite(Path file, BufferedImage image) {
        if (!(image.getColorModel() instanceof IndexColorModel palette)) {
            throw InputException.of(file, "a 1-bit PNG without a palette");
        }
        int[] gray = new int[palette.getMapSize()];
        for (int i = 0; i < gray.length; i++) {
            int red = palette.getRed(i);
            if (red != palette.getGreen(i) || red != palette.getBlue(i) || (red != 0 && red != 255)) {
                throw InputException.of(file, "a 1-bit PNG whose palette is not black and white");
            }
            gray[i] = red;
        }
        return gray;
    }

    private static IdxImages readPngs(Path dir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw InputException.of(dir, "holds no .png files");
        }
        int h = -1;
        int w = -1;
        byte[] pixels = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image;
            try {
                image = ImageIO.read(file.toFile());
            } catch (IOException e) {
                throw InputException.of(file, "not a readable PNG: " + e.getMessage());
            }
            if (image == null) {
                throw InputException.of(file, "not a readable PNG");
            }
            int type = image.getType();
            if (type != BufferedImage.TYPE_BYTE_GRAY && type != BufferedImage.TYPE_BYTE_BINARY) {
                throw InputException.of(file, "not an 8-bit gray PNG (a colour or 16-bit image cannot be coded losslessly)");
            }
            if (type == BufferedImage.TYPE_BYTE_BINARY && image.getColorModel().getPixelSize() != 1) {
                throw InputException.of(file, "a 2- or 4-bit PNG; write 8-bit gray or 1-bit PNGs");
            }
            if (i == 0) {
                h = image.getHeight();
                w = image.getWidth();
                pixels = new byte[Math.multiplyExact(Math.multiplyExact(files.size(), h), w)];
            } else if (image.getHeight() != h || image.getWidth() != w) {
                throw InputException.of(file, image.getHeight() + "x" + image.getWidth() + " pixels, but "
                        + files.get(0).getFileName() + " is " + h + "x" + w);
            }
            Raster raster = image.getRaster();
            int[] grayOfSample = type == BufferedImage.TYPE_BYTE_BINARY ? blackAndWhite(file, image) : null;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int sample = raster.getSample(c, r, 0);
                    pixels[(i * h + r) * w + c] = (byte) (grayOfSample == null ? sample : grayOfSample[sample]);
                }
            }
        }
        return new IdxImages(files.size(), h, w, pixels);
    }
}
