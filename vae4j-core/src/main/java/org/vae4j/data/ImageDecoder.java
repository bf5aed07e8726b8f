package org.vae4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.vae4j.error.InputException;

/**
 * Reads image files (PNG, JPEG, whatever {@code javax.imageio} reads) one after the other as 8-bit
 * {@link Picture}s ({@link ImagePixels}). It keeps the reader of the last file's format for the next
 * file, as finding and making a reader takes longer than decoding a small PNG. One decoder per thread;
 * close it to release the reader.
 */
final class ImageDecoder implements AutoCloseable {

    private ImageReader reader;

    /** Reads and decodes the file; any failure is an InputException naming it. */
    Picture read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
        BufferedImage image;
        try (ImageInputStream in = new BytesImageInputStream(bytes)) {
            image = decode(file, in);
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw InputException.of(file, "not a readable image: " + ReadErrors.oneLine(e.getMessage()), e);
        }
        return ImagePixels.toPicture(image);
    }

    private BufferedImage decode(Path file, ImageInputStream in) throws IOException {
        if (reader == null || !reader.getOriginatingProvider().canDecodeInput(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw InputException.of(file, "not an image (no PNG, JPEG or other image format that Java reads)");
            }
            close();
            reader = readers.next();
        }
        reader.setInput(in, true, true);
        long pixels = (long) reader.getHeight(0) * reader.getWidth(0);
        if (pixels > ImageSize.MAX_PIXELS) {
            throw InputException.of(file, reader.getHeight(0) + "x" + reader.getWidth(0)
                    + " pixels, more than the " + ImageSize.MAX_PIXELS + " an image may have");
        }
        return reader.read(0);
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.dispose();
            reader = null;
        }
    }
}
